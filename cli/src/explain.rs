//! `leverans explain`: why each order is late, stopped or reduced, and what would change it.

use leverans::explain::Explanation;
use leverans::Portfolio;

/// Which orders to print.
pub enum Which<'a> {
    /// One order by id.
    One(&'a str),
    /// Every order.
    All,
    /// The orders with a question: late, stopped or reduced.
    Questions,
}

/// Prints the explanations chosen by `which`; returns how many were printed.
pub fn print(p: &Portfolio, all: &[Explanation], which: &Which<'_>) -> usize {
    let chosen: Vec<&Explanation> = all
        .iter()
        .filter(|e| match which {
            Which::One(id) => e.order == *id,
            Which::All => true,
            Which::Questions => matches!(e.decision.as_str(), "postponed" | "stopped" | "reduced"),
        })
        .collect();
    for e in &chosen {
        let (orderer, priority) = p
            .order(&e.order)
            .map_or(("", ""), |o| (o.orderer.as_str(), o.priority.as_str()));
        println!(
            "{} ({orderer}, {priority}): {}, {}",
            e.order, e.decision, e.headline
        );
        if !e.causes.is_empty() {
            println!("  why:");
            for c in &e.causes {
                println!("    - {}", c.text);
            }
        }
        if !e.remedies.is_empty() {
            let head = if e.decision == "postponed" {
                "to be on time"
            } else {
                "to deliver it in full"
            };
            println!("  {head}:");
            for r in &e.remedies {
                println!("    - {}", r.text);
            }
        }
        println!();
    }
    chosen.len()
}

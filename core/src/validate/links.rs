//! Checks on dependencies: known orders, no self-links, no cycles, nothing started before what
//! it waits on.

use crate::error::ValidationReport;
use crate::model::{DependencyKind, OrderStatus, Portfolio};
use petgraph::algo::tarjan_scc;
use petgraph::graph::DiGraph;
use std::collections::HashMap;

pub(super) fn check(p: &Portfolio, report: &mut ValidationReport) {
    let index: HashMap<&str, usize> = p
        .orders
        .iter()
        .enumerate()
        .map(|(k, o)| (o.id.as_str(), k))
        .collect();
    let mut graph = DiGraph::<usize, ()>::new();
    let nodes: Vec<_> = (0..p.orders.len()).map(|k| graph.add_node(k)).collect();
    for d in &p.dependencies {
        let id = format!("{}->{}", d.from, d.to);
        let from = index.get(d.from.as_str()).copied();
        let to = index.get(d.to.as_str()).copied();
        if from.is_none() {
            report.push(
                "unknown_order",
                "dependency",
                &id,
                "from",
                &d.from,
                "no order has this id",
            );
        }
        if to.is_none() {
            report.push(
                "unknown_order",
                "dependency",
                &id,
                "to",
                &d.to,
                "no order has this id",
            );
        }
        let (Some(from), Some(to)) = (from, to) else {
            continue;
        };
        if from == to {
            report.push(
                "self_dependency",
                "dependency",
                &id,
                "to",
                &d.to,
                "an order cannot wait on itself",
            );
            continue;
        }
        graph.add_edge(nodes[from], nodes[to], ());
        let (a, b) = (&p.orders[from], &p.orders[to]);
        let started = b.status != OrderStatus::NotStarted;
        let pending = a.status != OrderStatus::Done;
        let blocks_start = matches!(
            d.kind,
            DependencyKind::FinishToStart | DependencyKind::LiveToStart
        );
        if started && pending && blocks_start {
            report.push(
                "started_before_predecessor",
                "dependency",
                &id,
                "to",
                &d.to,
                format!(
                    "`{}` is {} but waits for `{}` to finish, which is not done",
                    b.id,
                    b.status.as_str(),
                    a.id
                ),
            );
        }
        if b.status == OrderStatus::Done && pending {
            report.push(
                "started_before_predecessor",
                "dependency",
                &id,
                "to",
                &d.to,
                format!("`{}` is done but depends on `{}`, which is not", b.id, a.id),
            );
        }
    }
    for scc in tarjan_scc(&graph) {
        if scc.len() < 2 {
            continue;
        }
        let path = cycle_path(&graph, &scc);
        let names: Vec<&str> = path.iter().map(|&k| p.orders[k].id.as_str()).collect();
        let first = names[0];
        report.push(
            "dependency_cycle",
            "dependency",
            first,
            "to",
            names.join(" -> "),
            format!("these dependencies form a loop: {}", names.join(" -> ")),
        );
    }
}

/// A closed path through a strongly connected component, starting and ending at the same order.
fn cycle_path(graph: &DiGraph<usize, ()>, scc: &[petgraph::graph::NodeIndex]) -> Vec<usize> {
    use std::collections::HashSet;
    let members: HashSet<_> = scc.iter().copied().collect();
    let start = *scc.iter().min().expect("a component has members");
    // Breadth-first search back to `start` inside the component gives a shortest loop.
    let mut prev = HashMap::new();
    let mut queue = std::collections::VecDeque::from([start]);
    let mut end = None;
    'search: while let Some(v) = queue.pop_front() {
        for w in graph.neighbors(v) {
            if !members.contains(&w) {
                continue;
            }
            if w == start {
                end = Some(v);
                break 'search;
            }
            if let std::collections::hash_map::Entry::Vacant(e) = prev.entry(w) {
                e.insert(v);
                queue.push_back(w);
            }
        }
    }
    let mut path = vec![graph[start]];
    let mut v = end.expect("a strongly connected component of 2+ nodes has a loop");
    let mut back = vec![graph[v]];
    while v != start {
        v = prev[&v];
        if v != start {
            back.push(graph[v]);
        }
    }
    back.reverse();
    path.extend(back);
    path.push(graph[start]);
    path
}

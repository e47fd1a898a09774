//! The readable plan printed by `leverans plan`.

use leverans::plan::{Plan, PlannedOrder, PlannedState};
use leverans::{Outcome, Portfolio, Status};
use std::collections::BTreeMap;

/// Prints status, orders by go-live (late ones flagged), utilisation by month and figures.
pub fn print_outcome(p: &Portfolio, out: &Outcome) {
    let name = if p.name.is_empty() {
        "portfolio"
    } else {
        &p.name
    };
    println!("Leverans plan: {name}");
    // `+ 0.0` turns a negative zero into zero.
    let fmt = |x: Option<f64>| x.map_or("-".to_string(), |v| format!("{:.2}", v + 0.0));
    println!(
        "Status: {}   objective {}   bound {}   gap {}   {:.1} s   (plan from {:?})",
        out.status,
        fmt(out.objective),
        fmt(out.bound),
        out.gap
            .map_or("-".into(), |g| format!("{:.2} %", g * 100.0)),
        out.seconds,
        out.source
    );
    for l in &out.levels {
        let gap = leverans::solve::relative_gap(l.value, l.bound)
            .map_or("-".into(), |g| format!("{:.2} %", g * 100.0));
        println!(
            "  {:<40} {:>12.2}  bound {:>12}  gap {:>8}  {}",
            l.name(),
            l.value,
            fmt(l.bound),
            gap,
            if l.optimal { "optimal" } else { "not proven" }
        );
    }
    if let Some(reason) = &out.reason {
        println!("Why: {reason}");
    }
    if out.status == Status::Infeasible || out.status == Status::NoPlanInTime {
        return;
    }
    let Some(plan) = &out.plan else { return };
    print_orders(p, plan);
    print_utilisation(p, plan);
    print_spend(p, plan);
    let s = &plan.summary;
    println!();
    if s.orders_stopped > 0 || s.orders_reduced > 0 {
        println!(
            "Value delivered: {:.0} of {:.0} ({:.0} %); {} stopped, {} reduced.",
            s.value_delivered,
            s.value_total,
            if s.value_total > 0.0 {
                100.0 * s.value_delivered / s.value_total
            } else {
                100.0
            },
            s.orders_stopped,
            s.orders_reduced
        );
    }
    println!(
        "On time: {:.0} % ({} of {} orders with a due date); total lateness {}; weighted lateness {:.1}; the last go-live ends {} {} of the plan.",
        s.on_time_share * 100.0,
        s.orders_with_due_date - s.orders_late,
        s.orders_with_due_date,
        p.calendar.period.count(s.total_lateness as usize),
        s.weighted_lateness,
        p.calendar.period.noun(),
        s.makespan
    );
    let r = leverans::plan::realism(p, plan);
    println!(
        "Realism: {:.0} % of {} go-lives in the first half; {} unforced go-live waits; {} links broken at go-live; stretch p90 {:.2} (max {:.2}); stall weeks {} of {} ({:.1} %; {} with a team to spare); at most {:.1} open orders per FTE ({}).",
        r.first_half_go_live_share * 100.0,
        r.go_lives,
        r.unforced_waits,
        r.links_broken_at_go_live,
        r.stretch_p90,
        r.stretch_max,
        r.stall_periods,
        r.order_periods,
        r.stall_share * 100.0,
        r.stalls_with_spare_capacity,
        r.max_open_orders_per_fte,
        r.max_open_orders_at
    );
}

fn when(date: Option<chrono::NaiveDate>, period: Option<u32>) -> String {
    match (date, period) {
        (Some(d), _) => d.to_string(),
        (None, Some(p)) => format!("P{p}"),
        _ => "-".into(),
    }
}

fn print_orders(p: &Portfolio, plan: &Plan) {
    let mut rows: Vec<&PlannedOrder> = plan
        .orders
        .iter()
        .filter(|o| !matches!(o.state, PlannedState::Done | PlannedState::Stopped))
        .collect();
    rows.sort_by_key(|o| (o.go_live_period, o.start_period));
    println!();
    let count = |d: &str| plan.orders.iter().filter(|o| o.decision() == d).count();
    println!(
        "Orders by go-live: {} delivered, {} reduced, {} postponed (live after their due date), {} stopped, {} done before the plan",
        count("delivered"),
        count("reduced"),
        count("postponed"),
        count("stopped"),
        count("done")
    );
    println!(
        "  {:<11} {:<11} {:<24} {:<26} {:<9} due / lateness",
        "go-live", "start", "order", "orderer", "priority"
    );
    let by_id = p.orders_by_id();
    for o in rows {
        let order = by_id.get(o.id.as_str()).copied();
        let due = order
            .and_then(|x| x.due)
            .map(|d| d.to_string())
            .unwrap_or_default();
        let late = if o.lateness > 0 {
            format!("  LATE by {}", p.calendar.period.count(o.lateness as usize))
        } else {
            String::new()
        };
        let started = match (o.state, o.decision()) {
            (_, "reduced") => format!(" (reduced to {:.0} % of scope)", o.scope * 100.0),
            (PlannedState::InProgress, _) => " (in progress)".to_string(),
            _ => String::new(),
        };
        println!(
            "  {:<11} {:<11} {:<24} {:<26} {:<9} {}{}{}",
            when(o.go_live, o.go_live_period),
            when(o.start, o.start_period),
            truncate(&o.id, 24),
            truncate(&o.orderer, 26),
            order.map(|x| x.priority.as_str()).unwrap_or(""),
            due,
            late,
            started
        );
    }
    let done: Vec<&str> = plan
        .orders
        .iter()
        .filter(|o| o.state == PlannedState::Done)
        .map(|o| o.id.as_str())
        .collect();
    if !done.is_empty() {
        println!("  done before the plan: {}", done.join(", "));
    }
    let stopped: Vec<&PlannedOrder> = plan
        .orders
        .iter()
        .filter(|o| o.state == PlannedState::Stopped)
        .collect();
    if !stopped.is_empty() {
        println!();
        println!("Stopped ({}):", stopped.len());
        for o in stopped {
            let order = by_id.get(o.id.as_str()).copied();
            let value = order.map(|x| x.effective_value()).unwrap_or(0.0);
            let why = o
                .reason
                .as_deref()
                .unwrap_or("stopped (the plan gives no reason)");
            println!(
                "  {:<24} {:<26} value {:>8.0}  {}",
                truncate(&o.id, 24),
                truncate(&o.orderer, 26),
                value,
                why
            );
        }
    }
}

/// Consultant hours and spend against each budget span.
pub fn print_spend(p: &Portfolio, plan: &Plan) {
    let s = &plan.summary;
    if p.teams.iter().all(|t| t.consultants.is_none()) && p.budgets.is_empty() {
        return;
    }
    println!();
    println!(
        "Consultants: {:.0} h bought, {:.0} spent.",
        s.consultant_hours, s.consultant_cost
    );
    for b in &plan.budgets {
        let flag = if b.spent > b.amount + 1e-6 {
            "  OVER"
        } else {
            ""
        };
        println!(
            "  budget {:<10} spent {:>10.0} of {:>10.0} ({:>5.1} %){}",
            b.label,
            b.spent,
            b.amount,
            if b.amount > 0.0 {
                100.0 * b.spent / b.amount
            } else {
                0.0
            },
            flag
        );
    }
}

fn print_utilisation(p: &Portfolio, plan: &Plan) {
    // Group periods by month (date calendars) or by blocks of 10 periods (unit calendars).
    let tl = match leverans::Timeline::new(&p.calendar) {
        Ok(t) => t,
        Err(_) => return,
    };
    let bucket = |period: u32| -> String {
        match tl.period(period as usize).first_day {
            Some(d) => d.format("%Y-%m").to_string(),
            None => format!("P{}", (period / 10) * 10),
        }
    };
    let mut buckets: Vec<String> = Vec::new();
    // (own hours, capacity, consultant hours) per team and bucket.
    let mut sums: BTreeMap<(String, String), (f64, f64, f64)> = BTreeMap::new();
    for tp in &plan.team_periods {
        let b = bucket(tp.period);
        if !buckets.contains(&b) {
            buckets.push(b.clone());
        }
        let e = sums.entry((tp.team.clone(), b)).or_default();
        e.0 += tp.load - tp.consultant_hours;
        e.1 += tp.capacity;
        e.2 += tp.consultant_hours;
    }
    println!();
    println!(
        "Team utilisation (own staff, % of capacity) by {}:",
        if tl.period(0).first_day.is_some() {
            "month"
        } else {
            "10 periods"
        }
    );
    print!("  {:<14}", "team");
    for b in &buckets {
        print!(" {:>7}", b);
    }
    println!();
    for team in &p.teams {
        print!("  {:<14}", truncate(&team.id, 14));
        for b in &buckets {
            let (load, cap, _) = sums
                .get(&(team.id.clone(), b.clone()))
                .copied()
                .unwrap_or_default();
            if cap > 0.0 {
                print!(" {:>7.0}", 100.0 * load / cap);
            } else {
                print!(" {:>7}", "-");
            }
        }
        println!();
    }
    let buying: Vec<&leverans::Team> = p
        .teams
        .iter()
        .filter(|t| {
            sums.iter()
                .any(|((team, _), v)| *team == t.id && v.2 > 1e-6)
        })
        .collect();
    if buying.is_empty() {
        return;
    }
    println!("Consultant hours bought, apart from the own staff:");
    for team in buying {
        print!("  {:<14}", truncate(&team.id, 14));
        for b in &buckets {
            let h = sums.get(&(team.id.clone(), b.clone())).map_or(0.0, |v| v.2);
            if h > 1e-6 {
                print!(" {:>7.0}", h);
            } else {
                print!(" {:>7}", "");
            }
        }
        println!();
    }
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n - 1).collect();
        t.push('…');
        t
    }
}

/// The capacity gap: per team, then the periods short.
pub fn print_gap(p: &Portfolio, gap: &leverans::analysis::CapacityGap) {
    let name = if p.name.is_empty() {
        "portfolio"
    } else {
        &p.name
    };
    println!("Capacity gap: {name}");
    println!("Status: {}", gap.status);
    if let Some(r) = &gap.reason {
        println!("Why: {r}");
    }
    if gap.status == Status::Infeasible || gap.status == Status::NoPlanInTime {
        return;
    }
    if !gap.unreachable.is_empty() {
        println!("Orders that cannot be on time whatever the capacity (their due dates stay soft below):");
        for (id, why) in &gap.unreachable {
            println!("  {id}: {why}");
        }
    }
    if gap.total_hours <= 1e-6 {
        println!("No competence is short: every order counted goes live on time with the teams' own hours.");
        return;
    }
    println!(
        "Extra hours needed to deliver every order counted on time: {:.0} h, costing {:.0}.",
        gap.total_hours, gap.total_cost
    );
    println!();
    println!("  {:<16} {:>10} {:>12}", "team", "hours", "cost");
    for (team, hours, cost) in gap.per_team.iter().filter(|t| t.1 > 1e-6) {
        println!(
            "  {:<16} {:>10.1} {:>12.0}",
            truncate(team, 16),
            hours,
            cost
        );
    }
    println!();
    println!("Periods short:");
    for row in &gap.rows {
        println!(
            "  {:<16} {:<10} {:>8.1} h",
            truncate(&row.team, 16),
            row.label,
            row.hours
        );
    }
}

/// The budget frontier as a Markdown table.
pub fn frontier_table(points: &[leverans::analysis::FrontierPoint]) -> String {
    let mut s = String::from("| budget | status | value delivered | share of value | consultant spend | orders stopped | weighted lateness |\n|---|---|---|---|---|---|---|\n");
    for p in points {
        // A point showing the plan found at a smaller budget (the frontier is kept monotone).
        let status = if p.plan_budget == p.budget {
            p.status.to_string()
        } else {
            format!("{} (plan of {:.0})", p.status, p.plan_budget)
        };
        s.push_str(&format!(
            "| {:.0} | {} | {:.0} | {} | {:.0} | {} | {:.1} |\n",
            p.budget,
            status,
            p.value_delivered,
            if p.value_total > 0.0 {
                format!("{:.1} %", 100.0 * p.value_delivered / p.value_total)
            } else {
                "-".to_string()
            },
            p.consultant_cost,
            p.orders_stopped,
            p.weighted_lateness
        ));
    }
    s
}

//! A schedule: the raw answer of the heuristic or the MIP, in job and period indices, before it
//! becomes a [`crate::plan::Plan`] with ids, dates and figures.

use crate::problem::{JobWork, Problem};

/// When one job runs and goes live, and its hours.
#[derive(Debug, Clone, PartialEq)]
pub struct JobTimes {
    /// First period of work.
    pub start: usize,
    /// Last period of work.
    pub finish: usize,
    /// Go-live period.
    pub go_live: usize,
    /// Effort-driven jobs: (team index, period, hours). Empty for fixed-duration jobs, whose
    /// hours follow from their start.
    pub work: Vec<(usize, usize, f64)>,
}

/// Times of every job of a [`Problem`], in job order.
#[derive(Debug, Clone, PartialEq)]
pub struct Schedule {
    /// One entry per job.
    pub jobs: Vec<JobTimes>,
}

impl Schedule {
    /// Hours of job `j` per (team, period), fixed-duration demand included.
    pub fn hours(&self, p: &Problem, j: usize) -> Vec<(usize, usize, f64)> {
        let jt = &self.jobs[j];
        match &p.jobs[j].work {
            JobWork::Effort { .. } => jt.work.clone(),
            JobWork::Fixed { demand, .. } => (jt.start..=jt.finish)
                .flat_map(|t| {
                    demand
                        .iter()
                        .map(move |&(r, h)| (r, t, h * p.share[t]))
                        .filter(|x| x.2 > 0.0)
                })
                .collect(),
        }
    }
}

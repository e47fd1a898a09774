//! Swedish public holidays (allmänna helgdagar) for any Gregorian year.
//!
//! The rules are those of the current law (lagen (1989:253) om allmänna helgdagar),
//! applied to every year in the proleptic Gregorian calendar; historical changes (Whit
//! Monday until 2004, the national day becoming a holiday in 2005, the older fixed
//! Midsummer and All Saints' dates) are deliberately not modelled. Intended range: 1900..=2200.
//!
//! - Fixed days: Nyårsdagen (1 Jan), Trettondedag jul (6 Jan), Första maj (1 May),
//!   Sveriges nationaldag (6 June), Juldagen (25 Dec), Annandag jul (26 Dec).
//! - Easter Sunday (Påskdagen) by the anonymous Gregorian computus (Meeus/Jones/Butcher);
//!   Långfredagen is Easter − 2, Annandag påsk Easter + 1, Kristi himmelsfärdsdag
//!   Easter + 39 and Pingstdagen Easter + 49.
//! - Midsommardagen is the Saturday between 20 and 26 June; Alla helgons dag is the
//!   Saturday between 31 October and 6 November.
//!
//! Ordinary Sundays, formally holidays too, are not listed: they are weekend days anyway.
//! Påskdagen and Pingstdagen are listed although they always fall on a Sunday.
//!
//! Midsommarafton, Julafton and Nyårsafton are not public holidays in law, but most
//! employers treat them as days off (many collective agreements say so). Whether they are
//! days off is a planning decision, not a fact of the calendar, so they are returned by a
//! separate function, [`swedish_customary_eves`], and the caller chooses to add them.

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// A named holiday on a given date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Holiday {
    /// The date of the holiday.
    pub date: NaiveDate,
    /// The Swedish name of the holiday, e.g. `"Midsommardagen"`.
    pub name: &'static str,
}

/// Builds a date known to be valid; panics only if `year` is outside chrono's range.
fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("year outside chrono's supported range")
}

/// The first Saturday on or after `start` (so the Saturday of a seven-day window).
fn saturday_from(start: NaiveDate) -> NaiveDate {
    let from = start.weekday().num_days_from_monday();
    let sat = Weekday::Sat.num_days_from_monday();
    start + Days::new(u64::from((sat + 7 - from) % 7))
}

/// Easter Sunday of `year` by the anonymous Gregorian computus.
///
/// Panics only if `year` is outside the range chrono can represent.
pub fn easter_sunday(year: i32) -> NaiveDate {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let (d, e) = (b / 4, b % 4);
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let (i, k) = (c / 4, c % 4);
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let n = h + l - 7 * m + 114;
    // n / 31 is 3 or 4 and n % 31 + 1 is in 1..=31, so both casts are lossless.
    ymd(year, (n / 31) as u32, (n % 31 + 1) as u32)
}

/// Midsommardagen: the Saturday between 20 and 26 June.
fn midsummer_day(year: i32) -> NaiveDate {
    saturday_from(ymd(year, 6, 20))
}

/// The 13 named Swedish public holidays of `year` (ordinary Sundays left out), sorted by date.
///
/// Some may fall on a weekend; they are listed all the same. Two holidays can share a
/// date (Kristi himmelsfärdsdag on 1 May in 2008, Pingstdagen on 6 June in 2049); both
/// entries are kept, so the list always has 13 entries but may hold 12 distinct dates.
pub fn swedish_public_holidays(year: i32) -> Vec<Holiday> {
    let easter = easter_sunday(year);
    let h = |date, name| Holiday { date, name };
    let mut days = vec![
        h(ymd(year, 1, 1), "Nyårsdagen"),
        h(ymd(year, 1, 6), "Trettondedag jul"),
        h(easter - Days::new(2), "Långfredagen"),
        h(easter, "Påskdagen"),
        h(easter + Days::new(1), "Annandag påsk"),
        h(ymd(year, 5, 1), "Första maj"),
        h(easter + Days::new(39), "Kristi himmelsfärdsdag"),
        h(easter + Days::new(49), "Pingstdagen"),
        h(ymd(year, 6, 6), "Sveriges nationaldag"),
        h(midsummer_day(year), "Midsommardagen"),
        h(saturday_from(ymd(year, 10, 31)), "Alla helgons dag"),
        h(ymd(year, 12, 25), "Juldagen"),
        h(ymd(year, 12, 26), "Annandag jul"),
    ];
    // Pingstdagen (10 May..=13 June) may fall after 6 June, and Kristi himmelsfärdsdag
    // (30 April..=3 June) before 1 May; a stable sort keeps the order otherwise.
    days.sort_by_key(|d| d.date);
    days
}

/// Eves that are not public holidays but customarily days off, sorted by date:
/// Midsommarafton (the Friday before Midsommardagen), Julafton (24 Dec) and Nyårsafton (31 Dec).
pub fn swedish_customary_eves(year: i32) -> Vec<Holiday> {
    vec![
        Holiday {
            date: midsummer_day(year) - Days::new(1),
            name: "Midsommarafton",
        },
        Holiday {
            date: ymd(year, 12, 24),
            name: "Julafton",
        },
        Holiday {
            date: ymd(year, 12, 31),
            name: "Nyårsafton",
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn dates(list: &[Holiday]) -> Vec<NaiveDate> {
        list.iter().map(|h| h.date).collect()
    }

    #[test]
    fn known_easter_dates() {
        let known = "1943-04-25 1954-04-18 1961-04-02 2000-04-23 2008-03-23 2011-04-24
            2013-03-31 2014-04-20 2019-04-21 2024-03-31 2025-04-20 2026-04-05
            2038-04-25 2100-03-28 2200-04-06";
        for s in known.split_whitespace() {
            let e = d(s);
            assert_eq!(easter_sunday(e.year()), e, "Easter {}", e.year());
        }
    }

    /// Dates printed by python-holidays 0.109 with
    /// `holidays.Sweden(years=Y, include_sundays=False)`, month-day in date order.
    #[test]
    fn public_holidays_match_python_holidays() {
        let oracle = [
            (
                2013,
                "01-01 01-06 03-29 03-31 04-01 05-01 05-09 05-19 06-06 06-22 11-02 12-25 12-26",
            ),
            (
                2014,
                "01-01 01-06 04-18 04-20 04-21 05-01 05-29 06-06 06-08 06-21 11-01 12-25 12-26",
            ),
            (
                2024,
                "01-01 01-06 03-29 03-31 04-01 05-01 05-09 05-19 06-06 06-22 11-02 12-25 12-26",
            ),
            (
                2026,
                "01-01 01-06 04-03 04-05 04-06 05-01 05-14 05-24 06-06 06-20 10-31 12-25 12-26",
            ),
        ];
        for (year, md) in oracle {
            let expected: Vec<_> = md.split(' ').map(|s| d(&format!("{year}-{s}"))).collect();
            assert_eq!(dates(&swedish_public_holidays(year)), expected, "{year}");
        }
        let names: Vec<_> = swedish_public_holidays(2014)
            .iter()
            .map(|h| h.name)
            .collect();
        let expected = [
            "Kristi himmelsfärdsdag",
            "Sveriges nationaldag",
            "Pingstdagen",
        ];
        assert_eq!(names[6..9], expected);
    }

    /// Two holidays on one date (python-holidays 0.109 merges them into one entry).
    #[test]
    fn coinciding_holidays_are_both_listed() {
        let y2008 = swedish_public_holidays(2008);
        assert_eq!(
            (y2008[5].date, y2008[5].name),
            (d("2008-05-01"), "Första maj")
        );
        assert_eq!(
            y2008[6],
            Holiday {
                date: d("2008-05-01"),
                name: "Kristi himmelsfärdsdag"
            }
        );
        let y2049 = swedish_public_holidays(2049);
        assert_eq!(
            (y2049[7].date, y2049[7].name),
            (d("2049-06-06"), "Pingstdagen")
        );
        assert_eq!(
            (y2049[8].date, y2049[8].name),
            (d("2049-06-06"), "Sveriges nationaldag")
        );
    }

    /// python-holidays 0.109, `categories=("de_facto",)`: Midsommarafton, Julafton, Nyårsafton.
    #[test]
    fn eves_match_python_holidays() {
        let eves = swedish_customary_eves(2026);
        assert_eq!(
            dates(&eves),
            [d("2026-06-19"), d("2026-12-24"), d("2026-12-31")]
        );
        let names: Vec<_> = eves.iter().map(|h| h.name).collect();
        assert_eq!(names, ["Midsommarafton", "Julafton", "Nyårsafton"]);
        assert_eq!(swedish_customary_eves(2013)[0].date, d("2013-06-21"));
    }

    #[test]
    fn structural_rules_hold_1950_to_2150() {
        for year in 1950..2150 {
            let list = swedish_public_holidays(year);
            assert_eq!(list.len(), 13, "{year}");
            assert!(list.windows(2).all(|w| w[0].date <= w[1].date), "{year}");
            let find = |name| list.iter().find(|h| h.name == name).unwrap().date;
            let mid = find("Midsommardagen");
            assert_eq!(mid.weekday(), Weekday::Sat);
            assert!(mid >= ymd(year, 6, 20) && mid <= ymd(year, 6, 26), "{mid}");
            let saints = find("Alla helgons dag");
            assert_eq!(saints.weekday(), Weekday::Sat);
            assert!(
                saints >= ymd(year, 10, 31) && saints <= ymd(year, 11, 6),
                "{saints}"
            );
            assert_eq!(find("Påskdagen").weekday(), Weekday::Sun);
            assert_eq!(find("Långfredagen").weekday(), Weekday::Fri);
            assert_eq!(find("Kristi himmelsfärdsdag").weekday(), Weekday::Thu);
            let eves = swedish_customary_eves(year);
            assert_eq!(eves[0].date.weekday(), Weekday::Fri);
            assert!(eves.iter().all(|e| list.iter().all(|h| h.date != e.date)));
        }
    }
}

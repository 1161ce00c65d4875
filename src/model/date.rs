//! Calendar values of the account file: `Date` (`2026-10-05`), `Month` (`2026-04`) and
//! `DateTime` (`2026-08-03T09:12`). They parse from strings with a clear message, order
//! naturally and serialise back to the same text.

use std::fmt;
use std::str::FromStr;

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A calendar day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

/// A calendar month, the key of a metric's monthly series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    pub year: i32,
    pub month: u8,
}

/// A day and a time of day, to the minute (incidents).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateTime {
    pub date: Date,
    pub hour: u8,
    pub minute: u8,
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn parse_number<T: FromStr>(text: &str, digits: usize) -> Option<T> {
    (text.len() == digits && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

impl Date {
    pub fn new(year: i32, month: u8, day: u8) -> Option<Self> {
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
            .then_some(Date { year, month, day })
    }

    pub fn month(self) -> Month {
        Month {
            year: self.year,
            month: self.month,
        }
    }

    /// Days since 1970-01-01 (negative before), for differences between dates.
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// Days from `self` to `other` (positive when `other` is later).
    pub fn days_until(self, other: Date) -> i64 {
        other.days_since_epoch() - self.days_since_epoch()
    }

    /// `5 Oct 2026`, the form printed in reports.
    pub fn display(self) -> String {
        format!(
            "{} {} {}",
            self.day,
            &MONTH_NAMES[usize::from(self.month - 1)][..3],
            self.year
        )
    }
}

impl Month {
    pub fn new(year: i32, month: u8) -> Option<Self> {
        (1..=12).contains(&month).then_some(Month { year, month })
    }

    /// The month `n` months before this one.
    pub fn back(self, n: u32) -> Month {
        let index = i64::from(self.year) * 12 + i64::from(self.month) - 1 - i64::from(n);
        Month {
            year: index.div_euclid(12) as i32,
            month: (index.rem_euclid(12) + 1) as u8,
        }
    }

    /// The month `n` months after this one.
    pub fn forward(self, n: u32) -> Month {
        let index = i64::from(self.year) * 12 + i64::from(self.month) - 1 + i64::from(n);
        Month {
            year: index.div_euclid(12) as i32,
            month: (index.rem_euclid(12) + 1) as u8,
        }
    }

    /// The month before this one.
    pub fn previous(self) -> Month {
        if self.month == 1 {
            Month {
                year: self.year - 1,
                month: 12,
            }
        } else {
            Month {
                year: self.year,
                month: self.month - 1,
            }
        }
    }

    /// `Sep`, for chart axes.
    pub fn short_name(self) -> &'static str {
        &MONTH_NAMES[usize::from(self.month - 1)][..3]
    }

    /// `September`, for sentences.
    pub fn name(self) -> &'static str {
        MONTH_NAMES[usize::from(self.month - 1)]
    }

    /// `Sep 2026`.
    pub fn display(self) -> String {
        format!("{} {}", self.short_name(), self.year)
    }

    /// This month's name as a reader of a report about `latest` needs it: the month alone
    /// (`August`) when it is the month before or in the same year, with its year otherwise
    /// (`September 2025`), so a change across a gap never reads as this year's month.
    pub fn name_before(self, latest: Month) -> String {
        if self == latest.previous() || self.year == latest.year {
            self.name().to_owned()
        } else {
            format!("{} {}", self.name(), self.year)
        }
    }

    /// As [`Month::name_before`], short: `Aug`, `Sep 2025`.
    pub fn short_name_before(self, latest: Month) -> String {
        if self == latest.previous() || self.year == latest.year {
            self.short_name().to_owned()
        } else {
            self.display()
        }
    }
}

impl DateTime {
    /// Minutes from `self` to `other`.
    pub fn minutes_until(self, other: DateTime) -> i64 {
        let minutes = |t: DateTime| {
            t.date.days_since_epoch() * 1440 + i64::from(t.hour) * 60 + i64::from(t.minute)
        };
        minutes(other) - minutes(self)
    }

    /// `3 Aug 2026 09:12`.
    pub fn display(self) -> String {
        format!(
            "{} {:02}:{:02}",
            self.date.display(),
            self.hour,
            self.minute
        )
    }
}

impl FromStr for Date {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let bad = || format!("expected a date as YYYY-MM-DD, found \"{text}\"");
        let mut parts = text.trim().splitn(3, '-');
        let (Some(y), Some(m), Some(d)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(bad());
        };
        let (Some(y), Some(m), Some(d)) =
            (parse_number(y, 4), parse_number(m, 2), parse_number(d, 2))
        else {
            return Err(bad());
        };
        Date::new(y, m, d).ok_or_else(|| format!("\"{text}\" is not a day of the calendar"))
    }
}

impl FromStr for Month {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let bad = || format!("expected a month as YYYY-MM, found \"{text}\"");
        let (y, m) = text.trim().split_once('-').ok_or_else(bad)?;
        let (Some(y), Some(m)) = (parse_number(y, 4), parse_number(m, 2)) else {
            return Err(bad());
        };
        Month::new(y, m).ok_or_else(|| format!("\"{text}\" is not a month of the calendar"))
    }
}

impl FromStr for DateTime {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let bad = || format!("expected a date and time as YYYY-MM-DDTHH:MM, found \"{text}\"");
        let trimmed = text.trim();
        let (day, time) = trimmed.split_once(['T', ' ']).ok_or_else(bad)?;
        let date: Date = day.parse().map_err(|_| bad())?;
        let mut hm = time.split(':');
        let (Some(h), Some(m)) = (hm.next(), hm.next()) else {
            return Err(bad());
        };
        // Seconds, if given, are accepted and dropped: reports show minutes.
        if let Some(s) = hm.next()
            && (parse_number::<u8>(s, 2).is_none_or(|s| s > 59) || hm.next().is_some())
        {
            return Err(bad());
        }
        let (Some(hour), Some(minute)) = (parse_number::<u8>(h, 2), parse_number::<u8>(m, 2))
        else {
            return Err(bad());
        };
        if hour > 23 || minute > 59 {
            return Err(format!("\"{text}\" is not a time of day"));
        }
        Ok(DateTime { date, hour, minute })
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}T{:02}:{:02}", self.date, self.hour, self.minute)
    }
}

/// Serde glue shared by the three types: a string in, the same string out. In the JSON Schema
/// they are strings with a `pattern`; the calendar check (no 30 February) is left to loading.
macro_rules! string_serde {
    ($ty:ty, $what:literal, $pattern:literal) => {
        impl JsonSchema for $ty {
            fn schema_name() -> Cow<'static, str> {
                stringify!($ty).into()
            }

            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                json_schema!({
                    "type": "string",
                    "pattern": $pattern
                })
            }
        }

        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct Visitor;
                impl serde::de::Visitor<'_> for Visitor {
                    type Value = $ty;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str($what)
                    }
                    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<$ty, E> {
                        v.parse().map_err(E::custom)
                    }
                }
                deserializer.deserialize_str(Visitor)
            }
        }

        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }
    };
}

string_serde!(Date, "a date as YYYY-MM-DD", r"^\d{4}-\d{2}-\d{2}$");
string_serde!(Month, "a month as YYYY-MM", r"^\d{4}-\d{2}$");
string_serde!(
    DateTime,
    "a date and time as YYYY-MM-DDTHH:MM",
    r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?$"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_month_before_names_its_year_only_when_it_could_be_misread() {
        let sep = |y| Month { year: y, month: 9 };
        let aug = Month {
            year: 2026,
            month: 8,
        };
        let dec = Month {
            year: 2025,
            month: 12,
        };
        let jan = Month {
            year: 2026,
            month: 1,
        };
        assert_eq!(aug.name_before(sep(2026)), "August");
        assert_eq!(sep(2025).name_before(sep(2026)), "September 2025");
        assert_eq!(sep(2025).short_name_before(sep(2026)), "Sep 2025");
        assert_eq!(dec.name_before(jan), "December");
        assert_eq!(jan.short_name_before(sep(2026)), "Jan");
    }

    #[test]
    fn dates_parse_and_reject_impossible_days() {
        assert_eq!(
            "2026-10-05".parse::<Date>().unwrap(),
            Date::new(2026, 10, 5).unwrap()
        );
        assert_eq!("2024-02-29".parse::<Date>().unwrap().day, 29);
        assert!(
            "2026-02-29"
                .parse::<Date>()
                .unwrap_err()
                .contains("not a day")
        );
        assert!("2026-13-01".parse::<Date>().is_err());
        assert!(
            "5 Oct 2026"
                .parse::<Date>()
                .unwrap_err()
                .contains("YYYY-MM-DD")
        );
    }

    #[test]
    fn day_differences_cross_months_and_leap_years() {
        let a = Date::new(2026, 10, 5).unwrap();
        let b = Date::new(2027, 3, 31).unwrap();
        assert_eq!(a.days_until(b), 177);
        assert_eq!(Date::new(1970, 1, 1).unwrap().days_since_epoch(), 0);
        assert_eq!(
            Date::new(2024, 2, 28)
                .unwrap()
                .days_until(Date::new(2024, 3, 1).unwrap()),
            2
        );
    }

    #[test]
    fn months_step_back_over_the_year() {
        let jan: Month = "2026-01".parse().unwrap();
        assert_eq!(jan.previous().to_string(), "2025-12");
        assert_eq!(jan.display(), "Jan 2026");
        assert!("2026-1".parse::<Month>().is_err());
    }

    #[test]
    fn datetimes_accept_t_or_space_and_optional_seconds() {
        let a: DateTime = "2026-08-03T09:12".parse().unwrap();
        let b: DateTime = "2026-08-03 15:40:00".parse().unwrap();
        assert_eq!(a.minutes_until(b), 6 * 60 + 28);
        assert_eq!(a.to_string(), "2026-08-03T09:12");
        assert!("2026-08-03T25:00".parse::<DateTime>().is_err());
    }
}

//! The two lunar dates the `vn` calendar needs, as solar dates, for every
//! lunar year it covers: the first day of the year (Tết) and the 10th day
//! of month 3 (the Hùng Kings' Commemoration). They are what
//! [`super::lunar::lunar_to_solar`] computes (a test holds every row to
//! it); reading them costs nothing, while computing them takes most of
//! the time of building the `vn` calendar, which every command pays.

use chrono::NaiveDate;

/// The first lunar year in [`DATES`].
const FIRST: i32 = 1990;

/// Per lunar year from [`FIRST`]: (month, day) of its first day, then
/// (month, day) of the 10th day of its month 3, in the same solar year.
const DATES: [(u32, u32, u32, u32); 112] = [
    (1, 27, 4, 5),  // 1990
    (2, 15, 4, 24), // 1991
    (2, 4, 4, 12),  // 1992
    (1, 23, 4, 1),  // 1993
    (2, 10, 4, 20), // 1994
    (1, 31, 4, 9),  // 1995
    (2, 19, 4, 27), // 1996
    (2, 7, 4, 16),  // 1997
    (1, 28, 4, 6),  // 1998
    (2, 16, 4, 25), // 1999
    (2, 5, 4, 14),  // 2000
    (1, 24, 4, 3),  // 2001
    (2, 12, 4, 22), // 2002
    (2, 1, 4, 11),  // 2003
    (1, 22, 4, 28), // 2004
    (2, 9, 4, 18),  // 2005
    (1, 29, 4, 7),  // 2006
    (2, 17, 4, 26), // 2007
    (2, 7, 4, 15),  // 2008
    (1, 26, 4, 4),  // 2009
    (2, 14, 4, 23), // 2010
    (2, 3, 4, 12),  // 2011
    (1, 23, 3, 31), // 2012
    (2, 10, 4, 19), // 2013
    (1, 31, 4, 9),  // 2014
    (2, 19, 4, 28), // 2015
    (2, 8, 4, 16),  // 2016
    (1, 28, 4, 6),  // 2017
    (2, 16, 4, 25), // 2018
    (2, 5, 4, 14),  // 2019
    (1, 25, 4, 2),  // 2020
    (2, 12, 4, 21), // 2021
    (2, 1, 4, 10),  // 2022
    (1, 22, 4, 29), // 2023
    (2, 10, 4, 18), // 2024
    (1, 29, 4, 7),  // 2025
    (2, 17, 4, 26), // 2026
    (2, 6, 4, 16),  // 2027
    (1, 26, 4, 4),  // 2028
    (2, 13, 4, 23), // 2029
    (2, 2, 4, 12),  // 2030
    (1, 23, 4, 1),  // 2031
    (2, 11, 4, 19), // 2032
    (1, 31, 4, 9),  // 2033
    (2, 19, 4, 28), // 2034
    (2, 8, 4, 17),  // 2035
    (1, 28, 4, 6),  // 2036
    (2, 15, 4, 24), // 2037
    (2, 4, 4, 13),  // 2038
    (1, 24, 4, 3),  // 2039
    (2, 12, 4, 20), // 2040
    (2, 1, 4, 10),  // 2041
    (1, 22, 4, 29), // 2042
    (2, 10, 4, 19), // 2043
    (1, 30, 4, 7),  // 2044
    (2, 17, 4, 26), // 2045
    (2, 6, 4, 15),  // 2046
    (1, 26, 4, 4),  // 2047
    (2, 14, 4, 22), // 2048
    (2, 2, 4, 11),  // 2049
    (1, 23, 4, 1),  // 2050
    (2, 11, 4, 20), // 2051
    (2, 1, 4, 9),   // 2052
    (2, 18, 4, 28), // 2053
    (2, 8, 4, 17),  // 2054
    (1, 28, 4, 6),  // 2055
    (2, 15, 4, 24), // 2056
    (2, 4, 4, 13),  // 2057
    (1, 24, 4, 2),  // 2058
    (2, 12, 4, 21), // 2059
    (2, 2, 4, 10),  // 2060
    (1, 21, 3, 31), // 2061
    (2, 9, 4, 19),  // 2062
    (1, 29, 4, 8),  // 2063
    (2, 17, 4, 26), // 2064
    (2, 5, 4, 15),  // 2065
    (1, 26, 4, 4),  // 2066
    (2, 14, 4, 23), // 2067
    (2, 3, 4, 11),  // 2068
    (1, 23, 4, 1),  // 2069
    (2, 11, 4, 20), // 2070
    (1, 31, 4, 9),  // 2071
    (2, 19, 4, 27), // 2072
    (2, 7, 4, 16),  // 2073
    (1, 27, 4, 5),  // 2074
    (2, 15, 4, 24), // 2075
    (2, 5, 4, 13),  // 2076
    (1, 24, 4, 2),  // 2077
    (2, 12, 4, 21), // 2078
    (2, 2, 4, 11),  // 2079
    (1, 22, 3, 30), // 2080
    (2, 9, 4, 18),  // 2081
    (1, 29, 4, 7),  // 2082
    (2, 17, 4, 26), // 2083
    (2, 6, 4, 14),  // 2084
    (1, 26, 4, 3),  // 2085
    (2, 14, 4, 22), // 2086
    (2, 3, 4, 12),  // 2087
    (1, 24, 4, 1),  // 2088
    (2, 10, 4, 20), // 2089
    (1, 30, 4, 9),  // 2090
    (2, 18, 4, 28), // 2091
    (2, 7, 4, 16),  // 2092
    (1, 27, 4, 5),  // 2093
    (2, 15, 4, 24), // 2094
    (2, 5, 4, 13),  // 2095
    (1, 25, 4, 2),  // 2096
    (2, 12, 4, 21), // 2097
    (2, 1, 4, 11),  // 2098
    (1, 21, 4, 29), // 2099
    (2, 9, 4, 18),  // 2100
    (1, 29, 4, 8),  // 2101
];

/// The first day of lunar year `year`; `None` outside 1990–2101.
pub(super) fn new_year(year: i32) -> Option<NaiveDate> {
    let &(month, day, _, _) = DATES.get(usize::try_from(year - FIRST).ok()?)?;
    NaiveDate::from_ymd_opt(year, month, day)
}

/// The 10th day of lunar month 3 of `year`; `None` outside 1990–2101.
pub(super) fn hung_kings(year: i32) -> Option<NaiveDate> {
    let &(_, _, month, day) = DATES.get(usize::try_from(year - FIRST).ok()?)?;
    NaiveDate::from_ymd_opt(year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::lunar::lunar_to_solar;

    #[test]
    fn every_row_is_what_the_lunar_calendar_computes() {
        for year in FIRST - 5..=FIRST + DATES.len() as i32 + 5 {
            let covered = (FIRST..FIRST + DATES.len() as i32).contains(&year);
            let expect = |month, day| {
                covered
                    .then(|| lunar_to_solar(year, month, day, false))
                    .flatten()
            };
            assert_eq!(new_year(year), expect(1, 1), "{year}");
            assert_eq!(hung_kings(year), expect(3, 10), "{year}");
        }
    }
}

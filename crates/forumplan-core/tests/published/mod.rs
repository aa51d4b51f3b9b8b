//! Dates of Vietnam's lunar holidays as published by outside sources, shared
//! by the tests that check the calendar against them.

/// Tết (lunar 1/1) in Vietnam, as published.
///
/// Sources:
/// - 1993–2007: the Chinese New Year list of encyclopedia.kids.net.au
///   ("Chinese New Year"), 1996–2019: the table on 101kidz.com
///   (holidays/chinese/calendar.html), 2004–2015: china.org.cn
///   ("Chinese Lunar New Year dates 2004–2015"), 2024–2031: topmarks.co.uk
///   ("When is Chinese New Year?") and cny.blogspot.com (March 2017 post).
///   Those give China's dates (UTC+8); they are also Vietnam's except where
///   the two calendars are known to differ:
/// - 2007: Vietnam 17 Feb, China 18 Feb — viet-jo.com, 2006-07-06, quoting
///   Vietnam's calendar authority; that article lists the other 1900–2060
///   differences as 1925, 1968, 1969, 1984 (i.e. Tết 1985), 2030 and 2053.
/// - 2030: Vietnam 2 Feb, China 3 Feb; 2053: Vietnam 18 Feb, China 19 Feb —
///   kientruc2014.com ("What year is it in Vietnam?").
/// - 1985: Vietnam 21 Jan, China 20 Feb (the two calendars put the leap
///   month of that period in different places) — oreateai.com "1985 Lunar
///   New Year"; Wikipedia "Vietnamese calendar" (time-zone differences).
/// - 2020–2022: also vacanza/python-holidays' Vietnam tests.
///
/// (4to40.com's list gives 7 Feb 2027 and 27 Jan 2028; both are a day late:
/// the new moons were on 6 Feb 2027 15:56 UT and 26 Jan 2028 15:12 UT, the
/// same local day in Hanoi and Beijing. The values below follow the two
/// agreeing sources.)
pub(crate) const TET: &[(i32, u32, u32)] = &[
    (1985, 1, 21),
    (1993, 1, 23),
    (1994, 2, 10),
    (1995, 1, 31),
    (1996, 2, 19),
    (1997, 2, 7),
    (1998, 1, 28),
    (1999, 2, 16),
    (2000, 2, 5),
    (2001, 1, 24),
    (2002, 2, 12),
    (2003, 2, 1),
    (2004, 1, 22),
    (2005, 2, 9),
    (2006, 1, 29),
    (2007, 2, 17),
    (2008, 2, 7),
    (2009, 1, 26),
    (2010, 2, 14),
    (2011, 2, 3),
    (2012, 1, 23),
    (2013, 2, 10),
    (2014, 1, 31),
    (2015, 2, 19),
    (2016, 2, 8),
    (2017, 1, 28),
    (2018, 2, 16),
    (2019, 2, 5),
    (2020, 1, 25),
    (2021, 2, 12),
    (2022, 2, 1),
    (2023, 1, 22),
    (2024, 2, 10),
    (2025, 1, 29),
    (2026, 2, 17),
    (2027, 2, 6),
    (2028, 1, 26),
    (2029, 2, 13),
    (2030, 2, 2),
    (2031, 1, 23),
    (2053, 2, 18),
];

/// Hùng Kings' Commemoration (10/3 lunar), as published.
///
/// Sources: 2007 — qppstudio-public-holidays-news.blogspot.com, 2007-03-24
/// ("April 26, in 2007"); 2016 — baodanang.vn, 2016-04-01 ("April 16
/// (Saturday)"); 2018 — dandreapartners.com ("Wednesday, the 25th of
/// April"); 2020, 2021 — vacanza/python-holidays tests/countries/
/// test_vietnam.py, and cafedautu.vn for 2021; 2022 — en.sggp.org.vn
/// ("Sunday, April 10"); 2023 — en.dangcongsan.vn, 2023-03-17 ("April 29
/// this year"); 2024 — baodongnai.com.vn, 2024-04-18; 2025 —
/// en.baochinhphu.vn (days off April 5–7) and public-holidays.iamrohit.in
/// ("07 Apr 2025, Monday"); 2026 — VnExpress International via
/// tezzbuzz.com ("three-day weekend from April 25-27", 26 April being a
/// Sunday).
pub(crate) const HUNG_KINGS: &[(i32, u32, u32)] = &[
    (2007, 4, 26),
    (2016, 4, 16),
    (2018, 4, 25),
    (2020, 4, 2),
    (2021, 4, 21),
    (2022, 4, 10),
    (2023, 4, 29),
    (2024, 4, 18),
    (2025, 4, 7),
    (2026, 4, 26),
];

//! `settings.health`: the thresholds of `forumplan health`'s fourteen
//! checks. Shares are written in whole percent (5 for 5%), so every value
//! is a whole number: a plan stays exact to compare and to validate.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Declares [`Health`] with one field per threshold, its documentation,
/// and the field list the converter, validation and defaults share.
macro_rules! health_thresholds {
    ($($(#[doc = $doc:literal])* $field:ident: $min:literal ..= $max:literal,)*) => {
        /// Thresholds of `forumplan health`'s checks; shares and indices
        /// in whole percent (5 for 5%). See docs/risk.md.
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
        #[serde(
            deny_unknown_fields,
            bound(
                serialize = "T: Serialize + IsUnset",
                deserialize = "T: Deserialize<'de> + Default"
            )
        )]
        #[schemars(bound = "T: JsonSchema + Default + IsUnset")]
        pub struct Health<T> {
            $(
                $(#[doc = $doc])*
                #[serde(default, skip_serializing_if = "is_unset")]
                pub $field: T,
            )*
        }

        /// Each field's name and its allowed values, in declaration order.
        pub(crate) const HEALTH_FIELDS: &[(&str, u32, u32)] = &[$((stringify!($field), $min, $max),)*];

        impl<T: Copy> Health<T> {
            /// The values, in the order of [`HEALTH_FIELDS`].
            pub(crate) fn values(&self) -> Vec<T> {
                vec![$(self.$field,)*]
            }

            /// Sets the value of the field `name`; false if there is none.
            pub(crate) fn set(&mut self, name: &str, value: T) -> bool {
                match name {
                    $(stringify!($field) => self.$field = value,)*
                    _ => return false,
                }
                true
            }
        }

        impl Health<u32> {
            /// `plan`'s values laid over these.
            pub fn over(self, plan: &Health<Option<u32>>) -> Health<u32> {
                Health { $($field: plan.$field.unwrap_or(self.$field),)* }
            }
        }
    };
}

/// Only an absent value is left out of a written plan (`Option` fields).
fn is_unset<T: IsUnset>(value: &T) -> bool {
    value.is_unset()
}

/// Whether a threshold is unset (only an `Option` can be): what a written
/// plan leaves out.
pub trait IsUnset {
    /// True for an absent value.
    fn is_unset(&self) -> bool;
}

impl IsUnset for Option<u32> {
    fn is_unset(&self) -> bool {
        self.is_none()
    }
}

impl IsUnset for u32 {
    fn is_unset(&self) -> bool {
        false
    }
}

health_thresholds! {
    /// 1: the largest share of open tasks without a predecessor, in percent.
    missing_logic: 0 ..= 100,
    /// 2: the largest number of links with a negative lag.
    leads: 0 ..= 1_000_000,
    /// 3: the largest share of links with a positive lag, in percent.
    lags: 0 ..= 100,
    /// 4: the smallest share of finish-to-start links, in percent.
    fs_links: 0 ..= 100,
    /// 5: the largest share of open tasks with `fixed_start` or `due`, in percent.
    hard_constraints: 0 ..= 100,
    /// 6: the largest share of open tasks with high float, in percent.
    high_float: 0 ..= 100,
    /// 6 and 8: float or duration above this many working days is high
    /// (or above a third of the working days left, whichever is less).
    high_float_days: 1 ..= 366,
    /// 7: the largest number of open tasks with negative float.
    negative_float: 0 ..= 1_000_000,
    /// 8: the largest share of open tasks with a high duration, in percent.
    high_duration: 0 ..= 100,
    /// 9: the largest number of invalid dates.
    invalid_dates: 0 ..= 1_000_000,
    /// 10: the largest number of open tasks with neither an owner nor a
    /// workstream lead.
    unowned: 0 ..= 1_000_000,
    /// 11: the largest share of tasks past their baseline finish and not
    /// done, in percent.
    missed_tasks: 0 ..= 100,
    /// 12: the working days of delay the critical path test adds.
    critical_path_delay: 1 ..= 366,
    /// 13: the smallest critical path length index, in percent.
    cpli: 0 ..= 1000,
    /// 14: the smallest baseline execution index, in percent.
    bei: 0 ..= 1000,
}

/// The thresholds as a plan writes them (`Health<u32>`: every value
/// decided, the defaults filling the gaps).
pub type HealthSettings = Health<Option<u32>>;

impl HealthSettings {
    /// Whether no threshold is set (the section is then left out).
    pub fn is_empty(&self) -> bool {
        *self == HealthSettings::default()
    }
}

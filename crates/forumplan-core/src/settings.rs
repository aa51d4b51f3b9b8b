//! Effective settings: the plan's `settings` over the defaults in
//! `config/defaults.toml`.

use serde::Deserialize;

use crate::plan::{Health, Locale, Settings, Spread};

/// The shipped defaults, compiled in so the library reads no file.
const DEFAULTS_TOML: &str = include_str!("../../../config/defaults.toml");

/// Settings with every value decided.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EffectiveSettings {
    /// A task with at most this many working days of float is at risk.
    pub at_risk_float: u32,
    /// How many calendar days ahead "due soon" looks.
    pub lookahead_days: u32,
    /// How many tasks each list of a report for people shows (0: all).
    pub list_limit: u32,
    /// Report language.
    pub locale: Locale,
    /// For risk analysis, the spread of a task without an estimate.
    #[serde(default)]
    pub risk_default_spread: Option<Spread>,
    /// The thresholds of `forumplan health`.
    pub health: Health<u32>,
}

impl EffectiveSettings {
    /// The defaults from `config/defaults.toml`.
    pub fn defaults() -> EffectiveSettings {
        // The file is part of the build and checked by a test below, so a
        // parse failure here is a build defect, not a user error.
        toml::from_str(DEFAULTS_TOML).expect("config/defaults.toml is valid")
    }

    /// `settings` laid over the defaults.
    pub fn from_plan(settings: &Settings) -> EffectiveSettings {
        let defaults = EffectiveSettings::defaults();
        EffectiveSettings {
            at_risk_float: settings.at_risk_float.unwrap_or(defaults.at_risk_float),
            lookahead_days: settings.lookahead_days.unwrap_or(defaults.lookahead_days),
            list_limit: settings.list_limit.unwrap_or(defaults.list_limit),
            locale: settings.locale.unwrap_or(defaults.locale),
            risk_default_spread: settings
                .risk_default_spread
                .or(defaults.risk_default_spread),
            health: defaults.health.over(&settings.health),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_defaults_parse() {
        let defaults = EffectiveSettings::defaults();
        assert_eq!(
            (
                defaults.at_risk_float,
                defaults.lookahead_days,
                defaults.list_limit,
                defaults.locale
            ),
            (2, 7, 50, Locale::Vi)
        );
        assert_eq!(defaults.risk_default_spread, None);
        // The contract's thresholds (shares in percent).
        assert_eq!(
            defaults.health.values(),
            [5, 0, 5, 90, 5, 5, 44, 0, 5, 0, 0, 5, 10, 95, 95]
        );
    }

    #[test]
    fn plan_settings_override_defaults() {
        let settings = Settings {
            at_risk_float: Some(5),
            lookahead_days: None,
            list_limit: Some(0),
            locale: Some(Locale::En),
            risk_default_spread: Some(Spread {
                optimistic: 0.8,
                pessimistic: 1.5,
            }),
            health: crate::plan::HealthSettings {
                cpli: Some(90),
                ..Default::default()
            },
        };
        let effective = EffectiveSettings::from_plan(&settings);
        let defaults = EffectiveSettings::defaults();
        assert_eq!(
            effective,
            EffectiveSettings {
                at_risk_float: 5,
                lookahead_days: 7,
                list_limit: 0,
                locale: Locale::En,
                risk_default_spread: Some(Spread {
                    optimistic: 0.8,
                    pessimistic: 1.5,
                }),
                health: Health {
                    cpli: 90,
                    ..defaults.health
                },
            }
        );
    }
}

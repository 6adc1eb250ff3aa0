//! The timing policy: every figure the rules use that the source advice does not fix.
//!
//! The defaults here are documented in `docs/timing-rules.md`; a firm's style can change
//! them. Nothing in the rules engine hard-codes one of these numbers. The module also owns
//! [`LIMITS`], the largest figures the rules plan for: a style's check maps its fields
//! onto them, and [`TimingPolicy::clamped`] holds every figure to them.

use crate::manifest::HourRange;
use crate::time::ClockTime;

/// Figures that decide windows and moments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimingPolicy {
    /// Minutes after the interview before the thank-you window opens (a short
    /// cool-off, so the message does not look pre-written). Default 60.
    pub cool_off_minutes: u32,
    /// Elapsed hours after the interview's end within which a thank-you goes out.
    /// Default 24.
    pub thank_you_hours: u32,
    /// The recipient's business hours. Default 09:00 to 17:00.
    pub business_hours: HourRange,
    /// Minutes after the interview before the recruiter's debrief. Default 15.
    pub debrief_after_minutes: u32,
    /// Hours after the interview the debrief stays open when the day is nearly over.
    /// Default 4.
    pub debrief_min_hours: u32,
    /// First and last business day after the decision date for the first check-in.
    /// Default 1 and 2.
    pub check_in_after_decision: (u32, u32),
    /// First and last business day after the interview for the first check-in when no
    /// decision date was given. Default 5 and 7.
    pub check_in_without_decision: (u32, u32),
    /// How many check-ins at most. Default 2.
    pub check_in_count: u32,
    /// Business days between check-ins. Default 5 (about a business week).
    pub check_in_spacing_business_days: u32,
    /// Whether to end with one polite closing-the-loop note. Default no.
    pub closing_the_loop: bool,
}

impl Default for TimingPolicy {
    fn default() -> TimingPolicy {
        TimingPolicy {
            cool_off_minutes: 60,
            thank_you_hours: 24,
            business_hours: HourRange { start: ClockTime::hm(9, 0), end: ClockTime::hm(17, 0) },
            debrief_after_minutes: 15,
            debrief_min_hours: 4,
            check_in_after_decision: (1, 2),
            check_in_without_decision: (5, 7),
            check_in_count: 2,
            check_in_spacing_business_days: 5,
            closing_the_loop: false,
        }
    }
}

impl TimingPolicy {
    /// This policy with every figure brought within [`LIMITS`]: a defence against
    /// figures no check stopped, so that planning always ends quickly.
    pub fn clamped(&self) -> TimingPolicy {
        let days = |(a, b): (u32, u32)| {
            let days = LIMITS.check_in_days;
            (days.clamp(a), days.clamp(b).max(days.clamp(a)))
        };
        TimingPolicy {
            cool_off_minutes: LIMITS.cool_off_minutes.clamp(self.cool_off_minutes),
            thank_you_hours: LIMITS.thank_you_hours.clamp(self.thank_you_hours).max(1),
            business_hours: self.business_hours,
            debrief_after_minutes: LIMITS.debrief_after_minutes.clamp(self.debrief_after_minutes),
            debrief_min_hours: self.debrief_min_hours.min(24),
            check_in_after_decision: days(self.check_in_after_decision),
            check_in_without_decision: days(self.check_in_without_decision),
            check_in_count: LIMITS.check_in_count.clamp(self.check_in_count),
            check_in_spacing_business_days: LIMITS
                .check_in_spacing_business_days
                .clamp(self.check_in_spacing_business_days),
            closing_the_loop: self.closing_the_loop,
        }
    }
}

/// The largest value one figure may take, and how a person would say it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limit {
    /// The largest value.
    pub most: u32,
    /// The largest value in words, for hints (`a week`).
    pub words: &'static str,
}

impl Limit {
    /// `figure`, or the largest value when it is larger.
    pub fn clamp(self, figure: u32) -> u32 {
        figure.min(self.most)
    }
}

/// The largest figures the rules plan for, one field per kind of figure. Beyond them a
/// figure is almost surely a typo (a thank-you window of a month), and the rules are not
/// made for them: a style's check refuses them, and the rules clamp to the same figures,
/// so that even an unchecked style cannot make planning run away.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// [`TimingPolicy::cool_off_minutes`].
    pub cool_off_minutes: Limit,
    /// [`TimingPolicy::thank_you_hours`].
    pub thank_you_hours: Limit,
    /// [`TimingPolicy::debrief_after_minutes`].
    pub debrief_after_minutes: Limit,
    /// [`TimingPolicy::check_in_count`].
    pub check_in_count: Limit,
    /// [`TimingPolicy::check_in_spacing_business_days`].
    pub check_in_spacing_business_days: Limit,
    /// Either end of [`TimingPolicy::check_in_after_decision`] and
    /// [`TimingPolicy::check_in_without_decision`].
    pub check_in_days: Limit,
    /// The business days a message travels, whoever set the figure (the channel's
    /// manifest or a style).
    pub transit_business_days: Limit,
}

/// The limits in force; see [`Limits`].
pub const LIMITS: Limits = Limits {
    cool_off_minutes: Limit { most: 24 * 60, words: "a day" },
    thank_you_hours: Limit { most: 7 * 24, words: "a week" },
    debrief_after_minutes: Limit { most: 24 * 60, words: "a day" },
    check_in_count: Limit { most: 10, words: "ten check-ins" },
    check_in_spacing_business_days: Limit { most: 60, words: "60 business days" },
    check_in_days: Limit { most: 60, words: "60 business days" },
    transit_business_days: Limit { most: 30, words: "30 business days" },
};

//! The timing policy: every figure the rules use that the source advice does not fix.
//!
//! The defaults here are documented in `docs/timing-rules.md`; a firm's style can change
//! them. Nothing in the rules engine hard-codes one of these numbers.

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
    /// Business days a letter travels, when set; overrides the channel's own figure.
    pub transit_business_days: Option<u32>,
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
            transit_business_days: None,
        }
    }
}

impl TimingPolicy {
    /// This policy with every figure brought within what the rules plan for (see
    /// [`crate::style::MOST`]): a defence against figures no check stopped, so that
    /// planning always ends quickly.
    pub fn clamped(&self) -> TimingPolicy {
        let most = |field: &str, figure: u32| {
            crate::style::most_for(field).map_or(figure, |(most, _)| figure.min(most))
        };
        let days = |(a, b): (u32, u32)| {
            let most = crate::style::MOST_CHECK_IN_DAYS;
            (a.min(most), b.min(most).max(a.min(most)))
        };
        TimingPolicy {
            cool_off_minutes: most("timing.cool_off_minutes", self.cool_off_minutes),
            thank_you_hours: most("timing.thank_you_hours", self.thank_you_hours).max(1),
            business_hours: self.business_hours,
            debrief_after_minutes: most("timing.debrief_after_minutes", self.debrief_after_minutes),
            debrief_min_hours: self.debrief_min_hours.min(24),
            check_in_after_decision: days(self.check_in_after_decision),
            check_in_without_decision: days(self.check_in_without_decision),
            check_in_count: most("timing.check_in_count", self.check_in_count),
            check_in_spacing_business_days: most(
                "timing.check_in_spacing_business_days",
                self.check_in_spacing_business_days,
            ),
            closing_the_loop: self.closing_the_loop,
            transit_business_days: self
                .transit_business_days
                .map(|d| most("timing.letter_transit_business_days", d)),
        }
    }
}

//! Planning a tracked interview again from its events, and saving what follows.

use std::collections::BTreeMap;

use anyhow::Context;
use followup_core::interview::Interview;
use followup_core::plan::Plan;
use followup_core::planner::Planner;
use followup_core::time::Moment;
use followup_core::tracking::consent::{self, OptOut};
use followup_core::tracking::{self, Event, EventKind, EventRecord, Progress, Source};
use followup_core::validate::{self, ValidInterview};
use followup_host::Registry;
use followup_tracker::{InterviewView, Writer};

use crate::settings::ReplanSettings;
use crate::style_pack::{StyleChoice, StylePack};

/// Plans tracked interviews again; loads the plugins once, and each style once.
pub struct Replanner<'s> {
    settings: &'s ReplanSettings,
    registry: Option<Registry>,
    styles: BTreeMap<Option<String>, StylePack>,
}

/// An interview's view before and after a write.
pub struct Saved {
    /// The view before, if the interview was tracked.
    pub before: Option<InterviewView>,
    /// The view after; `None` when nothing of the interview is left.
    pub after: Option<InterviewView>,
}

impl Saved {
    /// What changed, in plain words.
    pub fn changes(&self) -> Vec<String> {
        match (&self.before, &self.after) {
            (Some(before), Some(after)) => tracking::changes(&before.agenda, &after.agenda),
            _ => Vec::new(),
        }
    }
}

impl<'s> Replanner<'s> {
    /// A replanner that finds plugins and named styles as `settings` say.
    pub fn new(settings: &'s ReplanSettings) -> Replanner<'s> {
        Replanner { settings, registry: None, styles: BTreeMap::new() }
    }

    /// The loaded plugins (loaded on first use; refusals reported once).
    pub fn registry(&mut self) -> &Registry {
        self.registry.get_or_insert_with(|| {
            let registry = followup_host::load_plugins(&self.settings.search);
            super::super::report_refusals(&registry);
            registry
        })
    }

    fn style(&mut self, argument: Option<&str>) -> anyhow::Result<&StylePack> {
        let key = argument.map(str::to_string);
        if !self.styles.contains_key(&key) {
            let choice = match argument {
                Some(argument) => {
                    StyleChoice::from_argument(argument, self.settings.styles_dir.clone())
                }
                None => StyleChoice::BuiltIn,
            };
            let pack = StylePack::resolve(&choice)?;
            pack.check()?;
            self.styles.insert(key.clone(), pack);
        }
        Ok(self.styles.get(&key).expect("the style was inserted just above"))
    }

    /// Plans `interview` under the style given as `style`, knowing what happened.
    fn plan(
        &mut self,
        interview: &ValidInterview,
        style: Option<&str>,
        progress: &Progress,
    ) -> anyhow::Result<Plan> {
        let manifests = self.registry().manifests();
        let style = &self.style(style)?.style;
        Ok(Planner::new(style, &manifests).plan_with(interview, progress))
    }

    /// The view of interview `id` derived from its events (in log order) and every
    /// consent record in the store; `None` when no `added` event is left.
    ///
    /// # Errors
    ///
    /// When the interview no longer validates, or its style cannot be loaded.
    pub fn derive(
        &mut self,
        id: &str,
        events: &[EventRecord],
        opt_outs: &[OptOut],
    ) -> anyhow::Result<Option<InterviewView>> {
        let mut latest: Option<(&Interview, Option<&str>, Option<String>)> = None;
        let mut application = None;
        for record in events {
            let file = match &record.event.source {
                Source::File { path } => Some(path.clone()),
                _ => None,
            };
            match &record.event.kind {
                EventKind::Added { document: interview, style, application: linked } => {
                    application
                        .get_or_insert_with(|| linked.clone().unwrap_or_else(|| id.to_string()));
                    latest = Some((interview, style.as_deref(), file));
                }
                EventKind::Replanned { document: interview, style, .. } => {
                    latest = Some((interview, style.as_deref(), file));
                }
                _ => {}
            }
        }
        let Some((interview, style, file)) = latest else { return Ok(None) };
        let mut interview = interview.clone();
        let mut notes = consent::apply(&mut interview, opt_outs);
        let valid = validate::validate(interview).map_err(|invalid| {
            let problems: Vec<String> =
                invalid.problems.iter().map(|p| format!("{}: {}", p.field, p.message)).collect();
            anyhow::anyhow!(
                "the tracked interview `{id}` no longer validates ({}); add its file again once it is fixed",
                problems.join("; ")
            )
        })?;
        let events: Vec<Event> = events.iter().map(|r| r.event.clone()).collect();
        let planned = self.plan(&valid, style, &Progress::default())?;
        let progress = Progress::from_events(&events);
        let current = if progress.is_empty() {
            planned.clone()
        } else {
            self.plan(&valid, style, &progress)?
        };
        notes.extend(current.warnings.iter().cloned());
        let company = valid.interview.employer.company.clone();
        let agenda = tracking::agenda(&current, &events, &company);
        let registry = self.registry();
        let channel_names = agenda
            .steps
            .iter()
            .filter_map(|t| {
                let id = &t.step.channel;
                registry.get(id).map(|p| (id.clone(), p.manifest.name.clone()))
            })
            .collect();
        Ok(Some(InterviewView {
            id: id.to_string(),
            application: application.unwrap_or_else(|| id.to_string()),
            candidate: valid.candidate_name.clone(),
            company,
            role: valid.interview.role.title.clone(),
            start: Moment(valid.start),
            time_zone: followup_core::plan::zone_name(&valid.candidate_zone),
            channel_names,
            file,
            planned,
            agenda,
            notes,
        }))
    }

    /// Appends `new` to interview `id`'s log and saves its view derived again, inside the
    /// caller's transaction.
    ///
    /// # Errors
    ///
    /// As [`Replanner::derive`], or when the store cannot be written.
    pub fn save(
        &mut self,
        writer: &mut Writer<'_>,
        id: &str,
        new: Vec<Event>,
    ) -> anyhow::Result<Saved> {
        let before = writer.view(id)?;
        for event in new {
            writer.append(id, event)?;
        }
        let after = self.refresh(writer, id)?;
        Ok(Saved { before, after })
    }

    /// Derives interview `id`'s view again from the store's events and saves it.
    ///
    /// # Errors
    ///
    /// As [`Replanner::save`].
    pub fn refresh(
        &mut self,
        writer: &mut Writer<'_>,
        id: &str,
    ) -> anyhow::Result<Option<InterviewView>> {
        let events = writer.events(id)?;
        let opt_outs: Vec<OptOut> =
            writer.opt_outs()?.iter().filter_map(|r| OptOut::from_event(&r.event)).collect();
        let mut view = self
            .derive(id, &events, &opt_outs)
            .with_context(|| format!("`{id}` could not be planned again"))?;
        if let Some(view) = &mut view {
            if let Some(before) = writer.view(id)? {
                view.agenda.continue_from(&before.agenda);
            }
            writer.save(view)?;
        }
        Ok(view)
    }
}

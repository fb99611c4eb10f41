use bevy_ecs::prelude::Resource;

use crate::scenario::{CareCategory, DeviceKind, PriorityClass};

/// Every patient of the run, by index in scenario order (agency by agency).
#[derive(Debug, Clone, Resource, Default)]
pub struct Patients {
    pub patient: Vec<Patient>,
    pub state: Vec<PatientState>,
    /// Per agency, the power-dependent patients it looks after who were without power after
    /// the last patients phase, in patient order: only they can need power brought, so the
    /// visits phase looks at them alone.
    pub unpowered: Vec<Vec<usize>>,
    /// Per agency, one entry per power-dependent patient of its own (in the order of
    /// `Index::powered_patients_by_agency`): see [`Settled`].
    pub settled: Vec<Vec<Settled>>,
    /// Per agency, every entry of `settled` was settled after the last patients phase: while
    /// no zone's levels are read again, the next step passes over all of them, and the list
    /// is not read at all.
    pub all_settled: Vec<bool>,
}

/// A power-dependent patient the patients phase may pass over: at home on mains with nothing
/// to do (see [`PatientState::settled_at_home`]) when the zone's power stood at `level`, or
/// away from home (in hospital or a shelter) with nothing counting towards going home. While
/// the zone's level stays there, a step changes nothing for them: mains still serves the home
/// (the restoration order is fixed), nobody lends a station to a home with power, moving the
/// patient away (an event) leaves them powered, and a patient away goes home only after power
/// there has been back for a while (an event moves nobody home). `level` is NaN while not
/// settled.
#[derive(Debug, Clone, Copy)]
pub struct Settled {
    pub zone: u32,
    pub level: f64,
}

/// What does not change about a patient during a run.
#[derive(Debug, Clone)]
#[repr(C)]
pub struct Patient {
    // What the per-step scans read, first.
    pub class: PriorityClass,
    pub has_phone: bool,
    /// Bit i set = family can stand in for care category i.
    pub family_covers: u8,
    pub agency: usize,
    pub zone: usize,
    pub home_km: f64,
    pub id: String,
    // The household's coping draws: read only for a patient with a device (admission under
    // the plan's rule, oxygen delivery, bagging), so drawn only for them and NaN otherwise.
    /// This run's hours from asking for hospital admission to admission (the plan's draw).
    pub admission_delay_hours: f64,
    /// This run's hours of power cut after which the home-oxygen supplier brings cylinders.
    pub oxygen_delivery_hours: f64,
    /// Hours the family can bag a ventilator user by hand once the batteries are flat.
    pub manual_bagging_hours: f64,
}

/// Where a patient is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Location {
    #[default]
    Home,
    Hospital,
    Shelter,
}

/// A patient's care needs: up to two in place, more in an allocation of their own.
pub type Needs = smallvec::SmallVec<[NeedState; 2]>;

/// One care need of a patient, 24 bytes (two fit in the line of [`Needs`] with the distance
/// a visit reads). Every demand that came due is open, delivered or covered by family: a
/// demand opens one at a time, and leaves `open` only to be delivered or covered, so the
/// count of demands is their sum ([`NeedState::demanded`]).
#[derive(Debug, Clone)]
pub struct NeedState {
    pub category: CareCategory,
    pub every_hours: u32,
    pub next_due_hour: u32,
    /// Demands due and not yet served.
    pub open: u32,
    pub delivered: u32,
    pub covered_by_family: u32,
}

impl NeedState {
    /// Demands that came due so far.
    pub fn demanded(&self) -> u32 {
        self.open + self.delivered + self.covered_by_family
    }
}

#[derive(Debug, Clone)]
pub struct DeviceState {
    pub kind: DeviceKind,
    /// Full battery (or home cylinders), hours.
    pub capacity_hours: f64,
    pub battery_hours: f64,
    /// The family's spare battery: full, and left.
    pub spare_capacity_hours: f64,
    pub spare_hours: f64,
    /// The household's own backup power left (car inverter, generator), hours, and at the
    /// start.
    pub backup_hours: f64,
    pub backup_capacity_hours: f64,
}

impl DeviceState {
    /// Hours a fully charged device could run without power at the start of the run (battery,
    /// spare, the household's backup).
    pub fn full_reserve_hours(&self) -> f64 {
        self.capacity_hours + self.spare_capacity_hours + self.backup_capacity_hours
    }

    /// Hours the device can still run without mains or brought power.
    pub fn reserve_hours(&self) -> f64 {
        self.battery_hours + self.spare_hours + self.backup_hours
    }

    /// Runs the device `hours` without power: the battery first, then the spare, then the
    /// household's backup.
    pub fn drain(&mut self, hours: f64) {
        let mut left = hours;
        for store in [
            &mut self.battery_hours,
            &mut self.spare_hours,
            &mut self.backup_hours,
        ] {
            let used = left.min(*store);
            *store -= used;
            left -= used;
        }
    }

    /// Mains or brought power: battery and spare are charged again.
    pub fn recharge(&mut self) {
        self.battery_hours = self.capacity_hours;
        self.spare_hours = self.spare_capacity_hours;
    }
}

/// A set of agencies (by index): those that know a patient is safe. Almost always one, kept
/// in the patient's state line with what a visit writes; any others in a box beside it, so
/// that asking costs no read elsewhere in the common case.
#[derive(Debug, Clone, Default)]
pub struct KnownTo {
    first: Option<u32>,
    /// The others, in the order they came to know (rare: rebuilt on each arrival).
    more: Option<Box<[usize]>>,
}

impl KnownTo {
    /// Whether agency `a` is in the set.
    pub fn contains(&self, a: usize) -> bool {
        self.first.is_some_and(|f| f as usize == a)
            || self.more.as_ref().is_some_and(|more| more.contains(&a))
    }

    /// Puts agency `a` in the set (nothing if it is already).
    pub fn insert(&mut self, a: usize) {
        if self.contains(a) {
            return;
        }
        match u32::try_from(a) {
            Ok(a) if self.first.is_none() => self.first = Some(a),
            _ => {
                let more = self.more.take().unwrap_or_default();
                self.more = Some(more.iter().copied().chain([a]).collect());
            }
        }
    }
}

/// A patient handed over to a partner agency under an agreement (indices in 32 bits, so that
/// the patient's first state line has room for what the scans read).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Handover {
    to: u32,
    agreement: u32,
    /// Hour from which the partner visits.
    pub from_hour: f64,
}

impl Handover {
    /// Handed over to agency `to` under agreement `agreement` (by its place among those in
    /// force), visited by the partner from `from_hour`.
    pub fn new(to: usize, agreement: usize, from_hour: f64) -> Handover {
        Handover {
            to: to as u32,
            agreement: agreement as u32,
            from_hour,
        }
    }

    /// The partner agency (by index).
    pub fn to(&self) -> usize {
        self.to as usize
    }

    /// The agreement (by its place among those in force).
    pub fn agreement(&self) -> usize {
        self.agreement as usize
    }
}

#[derive(Debug, Clone, Default)]
#[repr(C, align(64))]
pub struct PatientState {
    // The first 64 bytes hold what the per-step scans of every patient read (calls,
    // visits): one cache line a patient, which keeps a city's scans in cache.
    pub location: Location,
    /// Power at the patient's location this step (mains or external).
    pub powered: bool,
    /// Put first in the safety-check order by a decision.
    pub prioritized: bool,
    pub depleted_now: bool,
    /// A message reached the household (it is not sent again).
    pub message_delivered: bool,
    /// The home-oxygen supplier is bringing cylinders.
    pub oxygen_supplied: bool,
    /// Kept with `needs`, so that phases skip a patient without walking the needs: the care
    /// categories with open demands (bit i = category i), the sum of open demands, and the
    /// earliest hour one comes due next (`u32::MAX` without needs). Whoever changes a need's
    /// `open` or `next_due_hour` updates these.
    pub open_categories: u8,
    /// The care categories family can stand in for (bit i = category i; the patient's own,
    /// kept here so the patients phase reads one cache line a patient).
    pub family_covers: u8,
    /// The patient's priority class and whether they have a phone (`Patient::class`,
    /// `Patient::has_phone`, kept here so the safety-check and visit scans of unconfirmed
    /// patients read one cache line a patient).
    pub class: PriorityClass,
    pub has_phone: bool,
    /// The patient has devices that need power (the devices never change; see
    /// [`PatientState::power_dependent`]), kept here so a visit need not read the devices'
    /// line to know.
    pub has_devices: bool,
    pub open_total: u32,
    pub next_due_hour: u32,
    /// Hour of the first confirmation (call, visit or move).
    pub confirmed_hour: Option<u32>,
    /// Hour of the last failed call (retry after the plan's interval).
    pub failed_call_hour: Option<u32>,
    /// The patient's zone (`Patient::zone`, kept here so a visit does not read the patient's
    /// record; 32 bits to fit the line).
    pub zone: u32,
    /// Handed over to a partner.
    pub handover: Option<Handover>,
    // The second 64 bytes hold what the patients phase reads of every power-dependent
    // patient every step, so that a powered patient at home costs that line and the first.
    /// The home's place in the power restoration order (the patient's own,
    /// `Patient::site`, kept here for the same reason).
    pub power_site: f64,
    /// Hours of power left from a lent power station.
    pub external_power_hours: f64,
    /// Holds a power station lent by this agency (returned when mains power comes back).
    pub power_station_from: Option<usize>,
    /// Hour the patient was admitted under the plan's rule (not by an event).
    pub admitted_hour: Option<u32>,
    /// Hour the agency asked for hospital admission under the plan's rule.
    pub admission_asked_hour: Option<u32>,
    /// Hours at home without mains power (a lent station or not): the oxygen supplier's
    /// delivery counts from the power cut.
    pub hours_without_mains: u32,
    /// Hours in a row at zero reserve without power (the longest such stretch is below).
    pub depleted_run_hours: u32,
    /// Every device's battery and spare are full (set by `recharge_devices`, cleared when a
    /// device runs without power), so a powered step need not touch the devices.
    pub devices_full: bool,
    /// Held by the exercise facilitator: while at home without power, the devices do not
    /// drain and no hour without power counts (the room is discussing; docs/exercise.md).
    /// Never set outside an exercise session.
    pub held: bool,
    // The third 64 bytes hold the rest of what the patients phase reads and writes of a
    // patient without power every step (with the devices themselves).
    pub devices: Vec<DeviceState>,
    /// The lowest battery margin at the end of any step without power; `None` while the
    /// patient has always had power.
    pub lowest_battery_hours: Option<f64>,
    pub depleted_hour: Option<u32>,
    pub depleted_hours: u32,
    /// Hours spent without mains or external power.
    pub hours_without_power: u32,
    pub longest_depleted_hours: u32,
    // The fourth 64 bytes: the care needs, read when a demand comes due and by visits, and
    // the distance a visit reads.
    /// The patient's care needs, the first two in the line itself (a patient has one or two
    /// almost always), so opening a demand reads no allocation of its own.
    pub needs: Needs,
    /// Distance from the agency (`Patient::home_km`, kept here with the needs: a care visit
    /// reads it right after them).
    pub home_km: f64,
    // The fifth 64 bytes: the rest of what a visit writes, then what is read rarely.
    /// Agencies (by index) that know this patient is safe (they confirmed them, or a shared
    /// list told them).
    pub known_to: KnownTo,
    /// Visited this step (one visit per patient per step).
    pub visited_step: Option<u32>,
    // Read and written rarely.
    /// Visits made by an agency other than the patient's own.
    pub partner_visits: u32,
    /// Admissions under the plan's rule so far.
    pub admissions: u32,
    /// Hours in a row power has been back at home while in hospital.
    pub home_power_hours: u32,
}

impl PatientState {
    /// Starts bringing into the cache the lines a demand coming due or a care visit reads of
    /// the patient (the first and the needs'), for a loop that knows which patient it reads
    /// next: see `crate::prefetch`.
    #[inline(always)]
    pub fn prefetch_demand_lines(&self) {
        crate::prefetch::prefetch_line(self, 0);
        crate::prefetch::prefetch_line(self, std::mem::offset_of!(PatientState, needs));
    }

    /// At home on mains with nothing in progress: no lent station or its power, no admission
    /// asked or made, every device full, no depletion running. With power still there, the
    /// patients phase would leave such a patient as they are.
    pub fn settled_at_home(&self) -> bool {
        self.location == Location::Home
            && self.power_station_from.is_none()
            && self.external_power_hours == 0.0
            && self.admission_asked_hour.is_none()
            && self.admitted_hour.is_none()
            && self.devices_full
            && !self.depleted_now
            && self.depleted_run_hours == 0
    }

    /// Mains or brought power: every device's battery and spare are charged again.
    pub fn recharge_devices(&mut self) {
        if !self.devices_full {
            for d in &mut self.devices {
                d.recharge();
            }
            self.devices_full = true;
        }
    }

    /// The patient's own agency (`p` is the patient's record), for a patient in the caseload
    /// of agency `caseload`: that agency, unless the patient was handed over to it (a
    /// hand-over, made once, is never undone). The record is read only for a patient handed
    /// over.
    pub fn own_agency(&self, p: &Patient, caseload: usize) -> usize {
        let own = if self.handover.is_some() {
            p.agency
        } else {
            caseload
        };
        debug_assert_eq!(own, p.agency);
        own
    }

    pub fn power_dependent(&self) -> bool {
        debug_assert_eq!(self.has_devices, !self.devices.is_empty());
        self.has_devices
    }

    /// Hours the weakest device can still run without power (battery, spare, the household's
    /// backup).
    pub fn battery_margin(&self) -> f64 {
        self.devices
            .iter()
            .map(DeviceState::reserve_hours)
            .fold(f64::INFINITY, f64::min)
    }

    /// A ventilator user whose batteries have been flat for longer than the family can bag:
    /// the case is for an ambulance, and a visit bringing power no longer helps.
    pub fn beyond_visit_help(&self, p: &Patient) -> bool {
        self.devices
            .iter()
            .any(|d| d.kind == DeviceKind::Ventilator && d.reserve_hours() <= 0.0)
            && f64::from(self.depleted_run_hours) > p.manual_bagging_hours
    }

    pub fn open_demands(&self) -> u32 {
        self.open_total
    }

    /// Recomputes `open_total` and `open_categories` after needs' open demands changed.
    pub fn refresh_open(&mut self) {
        (self.open_total, self.open_categories) = self
            .needs
            .iter()
            .filter(|n| n.open > 0)
            .fold((0, 0), |(t, m), n| {
                (t + n.open, m | (1 << n.category.index()))
            });
    }

    /// Recomputes `next_due_hour` after needs' due hours moved.
    pub fn refresh_next_due(&mut self) {
        self.next_due_hour = self
            .needs
            .iter()
            .map(|n| n.next_due_hour)
            .min()
            .unwrap_or(u32::MAX);
    }
}

#[cfg(test)]
mod layout_tests {
    use std::mem::offset_of;

    use super::*;

    /// The fields the per-step scans read sit in the first cache line of a patient's state.
    #[test]
    fn hot_fields_fit_one_cache_line() {
        let s = PatientState::default();
        let base = &s as *const PatientState as usize;
        let end = &s.handover as *const _ as usize - base + size_of_val(&s.handover);
        assert!(end <= 64, "the hot fields end at byte {end}");
        // Opening a demand reads the first line and the needs, the first two of them in the
        // fourth line itself (no allocation to read), with the distance a visit reads next.
        let line = |offset: usize| offset / 64;
        assert_eq!(offset_of!(PatientState, needs), 3 * 64);
        assert_eq!(size_of::<NeedState>(), 24);
        assert_eq!(size_of::<Needs>(), 56);
        assert_eq!(line(offset_of!(PatientState, home_km) + 7), 3);
        let mut two = Needs::new();
        two.extend([0u32, 1].map(|due| NeedState {
            category: CareCategory::MedicalCare,
            every_hours: 24,
            next_due_hour: due,
            open: 0,
            delivered: 0,
            covered_by_family: 0,
        }));
        assert!(!two.spilled(), "two needs in place");
        // What a visit writes besides: who knows (the first agency in the line itself) and
        // the step visited, in one line (the fifth).
        for offset in [
            offset_of!(PatientState, known_to) + size_of::<KnownTo>() - 1,
            offset_of!(PatientState, known_to),
            offset_of!(PatientState, visited_step),
        ] {
            assert_eq!(line(offset), 4, "a visit's field at byte {offset}");
        }
        assert_eq!(align_of::<PatientState>(), 64);
        // An odd number of lines a patient: with a stride of a power of two lines, the first
        // lines of a city's patients would fall in a fraction of a cache's sets (moving the
        // last field into a padding to make it four lines gave a 320-agency city 12 % more
        // misses of an 8 MiB cache).
        assert_eq!((size_of::<PatientState>() / 64) % 2, 1);
    }

    /// A patient with more needs than fit in the state's line (two) has every one of them
    /// come due on time: the sample station with one patient of five needs, each first due
    /// at the onset, every 24, 48, 72, 96 and 120 hours. A need every `e` hours comes due at
    /// 0, e, 2e, … before the horizon H (720 hours): ⌈H ÷ e⌉ times, 30, 15, 10, 8 and 6.
    /// Visits, which serve some, do not change how many came due.
    #[test]
    fn needs_beyond_the_line_come_due_as_the_first_two() {
        use crate::scenario::{CareNeed, PatientSpec, PriorityClass};
        let mut scenario = crate::samples::sample_station();
        let every = [24u32, 48, 72, 96, 120];
        let agency = &mut scenario.agencies[0];
        agency.patients.profile = None;
        agency.patients.members = vec![PatientSpec {
            id: "p-five-needs".into(),
            name: None,
            class: PriorityClass::C,
            home_km: 2.0,
            zone: None,
            needs: CareCategory::ALL
                .iter()
                .zip(every)
                .map(|(&category, every_hours)| CareNeed {
                    category,
                    every_hours,
                    first_due_hour: Some(0),
                })
                .collect(),
            devices: Vec::new(),
            family_covers: Vec::new(),
            also_served_by: Vec::new(),
            has_phone: true,
        }];
        let horizon = scenario.steps() * scenario.time.step_hours;
        assert_eq!(
            horizon, 720,
            "the sample's 30 days, as the counts above assume"
        );
        let result = crate::simulate(&scenario, 1, 0, crate::RunOptions::BATCH);
        let visits = &result.summary.region.visits;
        for (category, e, expected) in [
            (CareCategory::MedicalCare, 24, 30),
            (CareCategory::Excretion, 48, 15),
            (CareCategory::Meals, 72, 10),
            (CareCategory::OtherCare, 96, 8),
            (CareCategory::Rehabilitation, 120, 6),
        ] {
            let count = &visits.by_category[category.key()];
            assert_eq!(count.demanded, expected, "{category:?}, every {e} h");
            assert!(count.delivered <= count.demanded);
        }
        assert_eq!(visits.demanded, 30 + 15 + 10 + 8 + 6);
        assert!(
            visits.delivered > 0,
            "the case tests visits to such a patient too"
        );
    }

    /// Who knows a patient is safe: a set, whichever agency came first and however large
    /// the index.
    #[test]
    fn known_to_is_a_set_of_agencies() {
        let mut k = KnownTo::default();
        assert!(!k.contains(0));
        k.insert(3);
        k.insert(3);
        assert!(k.contains(3) && !k.contains(0));
        assert!(k.more.is_none(), "one agency stays in the line");
        k.insert(0);
        k.insert(usize::MAX);
        k.insert(0);
        assert!(k.contains(3) && k.contains(0) && k.contains(usize::MAX));
        assert!(!k.contains(1));
        assert_eq!(k.more.as_deref(), Some(&[0, usize::MAX][..]));
        // An index beyond 32 bits goes in the box even while the line is free.
        let mut big = KnownTo::default();
        big.insert(usize::MAX);
        assert!(big.first.is_none() && big.contains(usize::MAX));
        assert_eq!(size_of::<KnownTo>(), 24, "the size of the Vec it replaced");
    }
}

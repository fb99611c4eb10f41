use std::collections::BTreeMap;

use bevy_ecs::prelude::Resource;

/// Who works for each agency: its own staff (minus any sent elsewhere) followed by staff sent
/// to it, in the order they came. Staffing walks these lists; safety checks and visits walk
/// the part of each that is on duty.
///
/// Each agency also keeps the cars its crew has out, so that a visit asks a list as short as
/// the cars rather than reading every crew member's record: a car goes with the person who
/// took it, and moves with them to another crew.
#[derive(Debug, Clone, Resource, Default)]
pub struct Crews {
    /// Staff indices ([`crate::state::Staff`]). Members move between crews only through
    /// [`Crews::move_member`].
    pub by_agency: Vec<Vec<usize>>,
    /// Per agency, its crew on duty this step, in crew order (written by staffing).
    pub on_duty: Vec<Vec<usize>>,
    /// Per agency, (minute the car is back, staff index) of the last car trip of each crew
    /// member who took a car, unless it is known to be over ([`Crews::cars_out`] drops those).
    cars_out: Vec<Vec<(u32, usize)>>,
}

impl Crews {
    /// Every agency's crew as `by_agency` lists, nobody on duty, no car out.
    pub fn new(by_agency: Vec<Vec<usize>>) -> Crews {
        let agencies = by_agency.len();
        Crews {
            by_agency,
            on_duty: vec![Vec::new(); agencies],
            cars_out: vec![Vec::new(); agencies],
        }
    }

    /// How many of agency `a`'s crew are out with a car at minute `now` (back later than
    /// `now`). Minutes asked must not go back: trips over by `now` are forgotten.
    pub fn cars_out(&mut self, a: usize, now: u32) -> u32 {
        let out = &mut self.cars_out[a];
        out.retain(|&(back, _)| back > now);
        out.len() as u32
    }

    /// Staff member `e` of agency `a`'s crew took a car until minute `back` (later than any
    /// trip of theirs before).
    pub fn car_taken(&mut self, a: usize, e: usize, back: u32) {
        let out = &mut self.cars_out[a];
        match out.iter_mut().find(|(_, x)| *x == e) {
            Some(trip) => trip.0 = back,
            None => out.push((back, e)),
        }
    }

    /// Moves staff member `e` from crew `from` to the end of crew `to`, with the car they
    /// may have out.
    pub fn move_member(&mut self, e: usize, from: usize, to: usize) {
        self.by_agency[from].retain(|&x| x != e);
        self.by_agency[to].push(e);
        if let Some(i) = self.cars_out[from].iter().position(|&(_, x)| x == e) {
            let trip = self.cars_out[from].remove(i);
            self.cars_out[to].push(trip);
        }
    }
}

/// Whose patients each agency looks after: its own, minus any handed over to a partner, plus
/// those handed over to it. The visits phase walks these lists.
#[derive(Debug, Clone, Resource, Default)]
pub struct Caseloads {
    /// Patient indices ([`crate::state::Patients`]).
    pub by_agency: Vec<Vec<usize>>,
    /// The list changed: the visits phase must look for due demands at once.
    pub rescan: Vec<bool>,
    /// Per agency, the patients it calls in a safety check: those it looks after, and,
    /// without a shared list, those of other agencies it also serves.
    pub calls: Vec<Vec<usize>>,
    /// Per agency, every patient on its call list is known to be safe (or has no phone): the
    /// safety checks skip the list until it changes. Knowing only grows, so only a change of
    /// the list clears this.
    pub calls_all_known: Vec<bool>,
    /// Per patient, its place in its caseload (`by_agency` of the agency that looks after it).
    pub position: Vec<usize>,
    /// Per agency, the patients a visit can be for (the visits phase).
    pub visit_sets: Vec<VisitSets>,
    /// Per agency, its caseload by the hour each patient's next care demand comes due.
    pub due: Vec<DueQueue>,
    /// Per agency (the patient's own), patients whose family can stand in for some care and
    /// whose demands opened since the patients phase last let the family stand in: demands
    /// open only in the visits phase, so the patients phase looks at these, not at every
    /// family every step. May hold a patient twice.
    pub family_due: Vec<Vec<usize>>,
}

/// The patients of one caseload that a visit can be for, so that the visits phase looks at
/// them rather than at the whole caseload: any visit goes to one of these (urgent power visits
/// to power-dependent patients, check visits to unconfirmed ones, care visits to patients with
/// open demands, in `care`; at night under `UrgentOnly`, power-dependent ones and unconfirmed
/// class A ones).
#[derive(Debug, Clone, Default)]
pub struct VisitSets {
    /// To be rebuilt from the caseload (before first use, and when the caseload changed).
    pub stale: bool,
    /// Positions in the caseload of power-dependent patients (fixed while the caseload is).
    pub power_positions: Vec<usize>,
    /// Class A patients not confirmed when last looked at (confirmation is never undone).
    pub unconfirmed_class_a: Vec<usize>,
    /// The other patients not confirmed when last looked at: looked at only in steps that
    /// can send anyone to them (not at night under `NightVisits::UrgentOnly`), so it may
    /// still hold some confirmed since.
    pub unconfirmed_others: Vec<usize>,
    pub care: CareQueue,
}

/// A caseload's care-visit candidates in the order they are served: class, then the oldest
/// open demand the agency may serve (its due hour), then the place in the caseload. Care
/// visits take the top instead of sorting every patient with open demands each step.
///
/// A patient's oldest due hour does not move when demands open on time (each new demand is
/// one interval later and the oldest stays open); it moves later when a demand is served or
/// family stands in, and earlier only when a need that had none open gets one, or when the
/// agency's permitted categories or BCP state change. So: patients given new demands are
/// listed in `touched` and their keys lowered when read; a change of `basis` rebuilds the
/// queue; and every other key is allowed to be early, corrected when it reaches the top
/// (a lazy heap). The top, once its key is checked, is the true first candidate.
#[derive(Debug, Clone, Default)]
pub struct CareQueue {
    /// (class, oldest due hour, place in the caseload), smallest first.
    pub heap: std::collections::BinaryHeap<
        std::cmp::Reverse<(crate::scenario::PriorityClass, i64, usize)>,
    >,
    /// Per place in the caseload, the due hour of its entry in `heap` (others are stale
    /// copies, dropped when met).
    pub live: Vec<Option<i64>>,
    /// Patients given new demands since the queue was last read (may repeat).
    pub touched: Vec<usize>,
    /// The agency's (permitted categories, BCP active) the keys were computed under.
    pub basis: Option<(u8, bool)>,
}

impl CareQueue {
    /// Place `i`'s key becomes `key` (its patient of class `class`): queued at it, or out of
    /// the queue for `None`. An older entry of the place is left in the heap as a stale copy.
    pub fn set(&mut self, i: usize, class: crate::scenario::PriorityClass, key: Option<i64>) {
        self.live[i] = key;
        if let Some(key) = key {
            self.heap.push(std::cmp::Reverse((class, key, i)));
        }
    }

    /// The top entry's place gets `key`, as [`CareQueue::set`] after popping the top, but in
    /// place (one sift instead of a pop and a push): the entries, and so the order they come
    /// out in, are the same.
    pub fn set_top(&mut self, key: Option<i64>) {
        let Some(mut top) = self.heap.peek_mut() else {
            return;
        };
        let std::cmp::Reverse((class, _, i)) = *top;
        self.live[i] = key;
        match key {
            Some(key) => *top = std::cmp::Reverse((class, key, i)),
            None => drop(std::collections::binary_heap::PeekMut::pop(top)),
        }
    }
}

/// One agency's caseload ordered by the hour each patient's next care demand comes due, so the
/// visits phase opens demands by taking what came due instead of walking the caseload. Keys
/// are never later than the patient's `next_due_hour` (due hours only move later), so the top
/// is never behind the true earliest; entries of patients since handed over are dropped when
/// met, and patients met in hospital wait apart until a step finds them home.
#[derive(Debug, Clone, Default)]
pub struct DueQueue {
    /// (due hour, patient index): 8 bytes an entry, so that taking the top reads few cache
    /// lines (patient indices fit in 32 bits: `crate::limits::MAX_PEOPLE`).
    pub heap: std::collections::BinaryHeap<std::cmp::Reverse<(u32, u32)>>,
    pub in_hospital: Vec<usize>,
    /// To be rebuilt from the caseload (before first use, and when the caseload grew).
    pub stale: bool,
}

// Patient indices are kept in 32 bits (`DueQueue::heap`).
const _: () = assert!(crate::limits::MAX_PEOPLE <= u32::MAX as u64);

impl Caseloads {
    /// The caseloads at the start of a run: each agency's own patients; the derived lists
    /// are built when first needed.
    pub fn new(by_agency: Vec<Vec<usize>>, calls: Vec<Vec<usize>>, patients: usize) -> Caseloads {
        let n = by_agency.len();
        let mut position = vec![0; patients];
        for list in &by_agency {
            for (i, &pe) in list.iter().enumerate() {
                position[pe] = i;
            }
        }
        Caseloads {
            position,
            by_agency,
            rescan: vec![false; n],
            calls,
            calls_all_known: vec![false; n],
            visit_sets: vec![
                VisitSets {
                    stale: true,
                    ..VisitSets::default()
                };
                n
            ],
            due: vec![
                DueQueue {
                    stale: true,
                    ..DueQueue::default()
                };
                n
            ],
            family_due: vec![Vec::new(); n],
        }
    }
}

/// The agreements in force, resolved to agency indices, in file order (planned ones are left
/// out). A loan names its agreement by its place in this list.
#[derive(Debug, Clone, Resource, Default)]
pub struct Agreements(pub Vec<AgreementInForce>);

#[derive(Debug, Clone)]
pub struct AgreementInForce {
    pub id: String,
    /// (lender, borrower) agency indices.
    pub directions: Vec<(usize, usize)>,
    pub max_staff: u32,
    pub travel_hours: f64,
    /// Travel plus, for a verbal agreement, the extra delay.
    pub delay_hours: f64,
    /// The terms of a patient takeover (staff agreements have none).
    pub takeover: Option<TakeoverTerms>,
    /// The terms of supply sharing: (from, to, item ids).
    pub supplies: Option<(usize, usize, Vec<String>)>,
}

#[derive(Debug, Clone)]
pub struct TakeoverTerms {
    pub from: usize,
    pub to: usize,
    /// Bit per priority class accepted (A = 1, B = 2, C = 4).
    pub classes: u8,
    pub max_patients: u32,
}

/// Who belongs where, by index in scenario order, and ids to indices. Agencies, staff and
/// patients are numbered in scenario order (agency by agency), and every phase walks them in
/// that order, so that draws and float sums never depend on anything else.
#[derive(Debug, Clone, Resource, Default)]
pub struct Index {
    pub staff_by_agency: Vec<Vec<usize>>,
    /// Per staff member, the agency whose roster they are on (`StaffMember::agency`, kept
    /// dense: staffing asks it of every crew member every step).
    pub home_of_staff: Vec<u32>,
    pub patients_by_agency: Vec<Vec<usize>>,
    /// Per agency, the power-dependent patients (the patients phase follows their power each
    /// step).
    pub powered_patients_by_agency: Vec<Vec<usize>>,
    /// Whether the region shares one safety-check list.
    pub shared_check_list: bool,
    pub agency_ids: BTreeMap<String, usize>,
    pub zone_ids: BTreeMap<String, usize>,
    pub staff_ids: BTreeMap<String, usize>,
    pub patient_ids: BTreeMap<String, usize>,
}

impl Caseloads {
    /// Agency `a`'s caseload changed (patients handed over): positions are taken again and the
    /// lists derived from it rebuilt.
    pub fn changed(&mut self, a: usize) {
        for (i, &pe) in self.by_agency[a].iter().enumerate() {
            self.position[pe] = i;
        }
        self.visit_sets[a].stale = true;
    }
}

#[cfg(test)]
mod tests {
    use super::Crews;

    #[test]
    fn cars_out_follow_trips_and_the_people_who_took_them() {
        // Two agencies: staff 0 and 1 in crew 0, staff 2 in crew 1.
        let mut crews = Crews::new(vec![vec![0, 1], vec![2]]);
        assert_eq!(crews.cars_out(0, 0), 0);
        crews.car_taken(0, 0, 120); // back at minute 120
        crews.car_taken(0, 1, 60);
        assert_eq!(crews.cars_out(0, 30), 2);
        // At minute 60 the second car is back (back > now counts as out).
        assert_eq!(crews.cars_out(0, 60), 1);
        // Staff 0 sets out again before the first trip ends (free within half a step): one
        // car, the later return.
        crews.car_taken(0, 0, 200);
        assert_eq!(crews.cars_out(0, 150), 1);
        // Lent to agency 1 while out: the car goes with them.
        crews.move_member(0, 0, 1);
        assert_eq!(crews.by_agency, vec![vec![1], vec![2, 0]]);
        assert_eq!(crews.cars_out(0, 150), 0);
        assert_eq!(crews.cars_out(1, 150), 1);
        assert_eq!(crews.cars_out(1, 200), 0);
        // Back home with no car out: nothing moves with them.
        crews.move_member(0, 1, 0);
        assert_eq!(crews.by_agency, vec![vec![1, 0], vec![2]]);
        assert_eq!((crews.cars_out(0, 200), crews.cars_out(1, 200)), (0, 0));
    }
}

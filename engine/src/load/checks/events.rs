//! Scheduled events (`scenario/events.rs`) and what they refer to.

use super::*;
use crate::scenario::*;

impl Checker<'_> {
    pub(super) fn event(
        &mut self,
        path: &str,
        e: &ScheduledEvent,
        s: &Scenario,
        k: &Known,
        horizon: u32,
    ) {
        if e.at_hour >= horizon {
            self.beyond_horizon(&format!("{path}.at_hour"), e.at_hour, horizon);
        }
        let ep = format!("{path}.effect");
        match &e.effect {
            Effect::SetLifeline { zone, state, .. } => {
                self.reference(&format!("{ep}.zone"), zone, k.zones, Kind::Zone);
                self.lifeline_state(&format!("{ep}.state"), *state);
            }
            Effect::Resupply {
                agency,
                item,
                quantity,
            } => {
                self.reference(&format!("{ep}.agency"), agency, k.agencies, Kind::Agency);
                if let Some(a) = s.agencies.iter().find(|a| &a.id == agency) {
                    let items: Vec<&str> = a.stocks.iter().map(|s| s.item.as_str()).collect();
                    self.reference(&format!("{ep}.item"), item, &items, Kind::Item);
                }
                self.non_negative(&format!("{ep}.quantity"), *quantity);
            }
            Effect::MovePatient { patient, .. } | Effect::PrioritizeCheck { patient } => {
                if k.generated.patient_owner(patient).is_none() {
                    self.reference(&format!("{ep}.patient"), patient, k.patients, Kind::Patient);
                }
            }
            Effect::StaffUnavailable { staff, hours } => {
                if k.generated.staff_owner(staff).is_none() {
                    self.reference(&format!("{ep}.staff"), staff, k.staff, Kind::Staff);
                }
                self.at_least_one(&format!("{ep}.hours"), *hours);
            }
            Effect::ActivateBcp { agency } | Effect::AddPowerStations { agency, .. } => {
                self.reference(&format!("{ep}.agency"), agency, k.agencies, Kind::Agency);
            }
            Effect::SetAlertLevel { level } => self.alert_level(&format!("{ep}.level"), *level),
            Effect::SendStaff {
                from,
                to,
                count,
                travel_hours,
            } => {
                self.reference(&format!("{ep}.from"), from, k.agencies, Kind::Agency);
                self.reference(&format!("{ep}.to"), to, k.agencies, Kind::Agency);
                self.at_least_one(&format!("{ep}.count"), *count);
                self.non_negative(&format!("{ep}.travel_hours"), *travel_hours);
            }
        }
    }
}

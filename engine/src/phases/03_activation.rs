//! Phase 3: activation and release of each agency's BCP (004 §3-1). Activation reads the
//! previous step's attendance (this step's is decided in the next phase), counted in whole
//! people like the operating levels (90 % of 9 is 8 people).

use crate::outcome::EventKind;
use crate::scenario::Hazard;
use crate::state::RunState;

// Not inlined: profiles show each phase apart (one call a step costs nothing).
#[inline(never)]
pub fn apply_activation(st: &mut RunState) {
    let RunState {
        clock,
        hazard,
        agencies,
        log,
        ..
    } = st;
    let hour = clock.hour();
    for (info, state) in agencies.info.iter().zip(&mut agencies.state) {
        let rule = &info.plan.activation;
        let damaged = state.served.iter().any(|s| !s);
        if rule
            .leader_decides_at_hour
            .is_some_and(|h| h <= hour && h + clock.step_hours > hour)
        {
            state.leader_activation = true;
        }
        if !state.bcp_active {
            let by_hazard = match &hazard.hazard {
                Hazard::Earthquake { intensity, .. } => {
                    *intensity >= rule.min_intensity && (damaged || !rule.require_infrastructure_damage)
                        // The quake triggers activation when it strikes, not days later.
                        && state.activated_hour.is_none()
                }
                Hazard::Storm { .. } => hazard.alert_level >= rule.min_alert_level,
                Hazard::Infection(_) | Hazard::None => false,
            };
            let by_attendance = clock.step() > 0
                && rule
                    .activate_below_attendance
                    .is_some_and(|share| !state.staffed_to(share, info.normal_daily_staff));
            if by_hazard || by_attendance || state.leader_activation {
                state.bcp_active = true;
                state.leader_activation = false;
                state.activated_hour.get_or_insert(hour);
                log.event(
                    hour,
                    EventKind::BcpActivated,
                    Some(&info.id),
                    None,
                    None,
                    "",
                );
            }
        } else {
            let storm_over = match &hazard.hazard {
                Hazard::Storm { .. } => hazard.alert_level < rule.min_alert_level,
                _ => true,
            };
            if !damaged
                && storm_over
                && state.staffed_to(rule.release_attendance, info.normal_daily_staff)
            {
                state.bcp_active = false;
                state.released_hour = Some(hour);
                log.event(hour, EventKind::BcpReleased, Some(&info.id), None, None, "");
            }
        }
    }
}

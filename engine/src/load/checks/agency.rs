//! An agency (`scenario/agency.rs`).

use super::*;
use crate::scenario::*;

impl Checker<'_> {
    pub(super) fn agency(&mut self, path: &str, a: &AgencySpec, zones: &[&str], horizon: u32) {
        self.reference(&format!("{path}.zone"), &a.zone, zones, Kind::Zone);
        self.staff(&format!("{path}.staff"), &a.staff);
        self.patients(&format!("{path}.patients"), &a.patients, zones);

        let item_ids: Vec<(String, &str)> = a
            .stocks
            .iter()
            .enumerate()
            .map(|(i, st)| (format!("{path}.stocks[{i}].item"), st.item.as_str()))
            .collect();
        self.ids(&item_ids, Kind::Item);
        for (i, st) in a.stocks.iter().enumerate() {
            let sp = format!("{path}.stocks[{i}]");
            self.non_negative(&format!("{sp}.quantity"), st.quantity);
            for (k, c) in st.consumption.iter().enumerate() {
                self.non_negative(&format!("{sp}.consumption[{k}].amount"), c.amount);
            }
        }
        let items: Vec<&str> = a.stocks.iter().map(|s| s.item.as_str()).collect();

        let e = &a.equipment;
        let ep = format!("{path}.equipment");
        self.non_negative(&format!("{ep}.power_station_hours"), e.power_station_hours);
        self.positive(
            &format!("{ep}.power_station_recharge_hours"),
            e.power_station_recharge_hours,
        );
        if let Some(item) = &e.power_bank_item {
            self.reference(&format!("{ep}.power_bank_item"), item, &items, Kind::Item);
        }
        if e.phones > 0 && e.calls_per_phone_charge == 0 {
            self.at_least_one(&format!("{ep}.calls_per_phone_charge"), 0);
        }

        if let Some(f) = &a.finance {
            let fp = format!("{path}.finance");
            self.non_negative(
                &format!("{fp}.monthly_fixed_cost_yen"),
                f.monthly_fixed_cost_yen,
            );
            self.positive(&format!("{fp}.average_fee_yen"), f.average_fee_yen);
        }

        self.plan(&format!("{path}.plan"), &a.plan, horizon);
    }
}

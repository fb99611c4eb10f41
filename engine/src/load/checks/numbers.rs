//! Numbers every part of a scenario holds: finite, non-negative, shares, counts, curves, sums of shares.

use std::collections::BTreeMap;
use std::fmt::Display;

use super::*;
use crate::limits::MAX_PROFILE_COUNT;
use crate::scenario::*;

impl Checker<'_> {
    // ---- numbers ------------------------------------------------------------------------

    /// NaN or infinity: an error. Returns whether the value is finite.
    pub(super) fn finite(&mut self, path: &str, v: f64) -> bool {
        if v.is_finite() {
            return true;
        }
        let f = field_name(path);
        self.err(
            path,
            "not-finite",
            m(
                format!("`{f}` が有限の数値ではありません（{v}）"),
                format!("`{f}` is not a finite number ({v})"),
            ),
            Some(m(
                "NaN や inf は使えません。数値を書いてください",
                "NaN and inf are not allowed; write a number",
            )),
        );
        false
    }

    pub(super) fn non_negative(&mut self, path: &str, v: f64) {
        if self.finite(path, v) && v < 0.0 {
            let f = field_name(path);
            self.err(
                path,
                "negative",
                m(
                    format!("`{f}` が負の値です（{v}）"),
                    format!("`{f}` is negative ({v})"),
                ),
                Some(m("0 以上の値にしてください", "use 0 or more")),
            );
        }
    }

    pub(super) fn positive(&mut self, path: &str, v: f64) {
        if self.finite(path, v) && v <= 0.0 {
            let f = field_name(path);
            self.err(
                path,
                "not-positive",
                m(
                    format!("`{f}` は 0 より大きい値にしてください（{v}）"),
                    format!("`{f}` must be greater than 0 ({v})"),
                ),
                None,
            );
        }
    }

    /// A share: finite and within 0–1.
    pub(super) fn share(&mut self, path: &str, v: f64) {
        if self.finite(path, v) && !(0.0..=1.0).contains(&v) {
            let f = field_name(path);
            self.err(
                path,
                "share-range",
                m(
                    format!("`{f}` は 0〜1 の割合で書きます（{v}）"),
                    format!("`{f}` is a share and must be between 0 and 1 ({v})"),
                ),
                Some(m("30 % なら 0.3 と書きます", "write 30 % as 0.3")),
            );
        }
    }

    pub(super) fn int_range<T: PartialOrd + Display + Copy>(
        &mut self,
        path: &str,
        v: T,
        lo: T,
        hi: T,
    ) {
        if v < lo || v > hi {
            let f = field_name(path);
            self.err(
                path,
                "out-of-range",
                m(
                    format!("`{f}` は {lo}〜{hi} の範囲にしてください（{v}）"),
                    format!("`{f}` must be between {lo} and {hi} ({v})"),
                ),
                None,
            );
        }
    }

    pub(super) fn at_least_one(&mut self, path: &str, v: u32) {
        if v == 0 {
            let f = field_name(path);
            self.err(
                path,
                "zero",
                m(
                    format!("`{f}` は 1 以上にしてください（0）"),
                    format!("`{f}` must be at least 1 (0)"),
                ),
                None,
            );
        }
    }

    /// A generated head count must stay within what one run can hold.
    pub(super) fn head_count(&mut self, path: &str, v: u32) {
        if v > MAX_PROFILE_COUNT {
            let f = field_name(path);
            self.err(
                path,
                "too-large",
                m(
                    format!("`{f}` は {MAX_PROFILE_COUNT} 以下にしてください（{v}）"),
                    format!("`{f}` must be at most {MAX_PROFILE_COUNT} ({v})"),
                ),
                Some(m(
                    "地域をいくつかのシナリオに分けてください".to_string(),
                    "split the region into several scenarios".to_string(),
                )),
            );
        }
    }

    /// A plan curve at `path`: at least one point (else `empty` with `hint`), each share checked
    /// by `share`, hours strictly increasing.
    pub(super) fn curve(
        &mut self,
        path: &str,
        curve: &[CurvePoint],
        share: fn(&mut Self, &str, f64),
        empty: Msg,
        hint: Msg,
    ) {
        if curve.is_empty() {
            self.err(path, "empty", empty, Some(hint));
        }
        for (i, pt) in curve.iter().enumerate() {
            share(self, &format!("{path}[{i}].share"), pt.share);
        }
        let hours: Vec<(String, u32)> = curve
            .iter()
            .enumerate()
            .map(|(i, pt)| (format!("{path}[{i}].hour"), pt.hour))
            .collect();
        self.increasing(&hours);
    }

    /// Values at `paths[i]` must strictly increase.
    pub(super) fn increasing<T: PartialOrd + Display + Copy>(&mut self, items: &[(String, T)]) {
        for w in items.windows(2) {
            let ((_, prev), (path, v)) = (&w[0], &w[1]);
            if v.partial_cmp(prev) != Some(std::cmp::Ordering::Greater) {
                let f = field_name(path);
                self.err(
                    path,
                    "not-increasing",
                    m(
                        format!(
                            "`{f}` が昇順になっていません: {v} が直前の {prev} の後に来ています"
                        ),
                        format!("`{f}` is not in increasing order: {v} comes after {prev}"),
                    ),
                    Some(m(
                        "小さい順に並べ、同じ値を2回書かないでください",
                        "list them in strictly increasing order, without repeats",
                    )),
                );
            }
        }
    }

    /// Shares that must add up to 1, reported at the collection.
    pub(super) fn sums_to_one(&mut self, path: &str, shares: &[f64]) {
        if shares.iter().any(|v| !v.is_finite()) || shares.is_empty() {
            return;
        }
        let sum: f64 = shares.iter().sum();
        if (sum - 1.0).abs() > SUM_TOLERANCE {
            let f = field_name(path);
            self.err(
                path,
                "sum-not-one",
                m(
                    format!("`{f}` の割合の合計が 1 になりません（合計 {sum}）"),
                    format!("the shares in `{f}` do not add up to 1 (sum {sum})"),
                ),
                Some(m(
                    "各割合の合計がちょうど 1 になるように直してください",
                    "adjust the shares so that they add up to exactly 1",
                )),
            );
        }
    }

    /// A profile's share map: each share in 0–1 and the sum 1. An empty map is an error
    /// when the profile generates anyone: nothing to apportion from.
    pub(super) fn share_map<K: std::fmt::Debug>(&mut self, path: &str, map: &BTreeMap<K, f64>) {
        if map.is_empty() {
            let f = field_name(path);
            self.err(
                path,
                "empty",
                m(format!("`{f}` が空です"), format!("`{f}` is empty")),
                Some(m(
                    "割合を少なくとも1つ書いてください（合計 1）",
                    "give at least one share (adding up to 1)",
                )),
            );
            return;
        }
        for (k, v) in map {
            self.share(&format!("{path}[{k:?}]"), *v);
        }
        let shares: Vec<f64> = map.values().copied().collect();
        self.sums_to_one(path, &shares);
    }
}

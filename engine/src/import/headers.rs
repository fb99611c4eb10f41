//! Column headers: which header means which field, finding the header row under any title
//! rows, and the blank template sheets.

use super::values::key;
use super::{Problem, SheetKind};

use crate::lang::Msg;

/// A field a column can fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Id,
    Name,
    /// Read and dropped: an address is never written anywhere.
    Address,
    Role,
    BcpRole,
    HomeKm,
    Commute,
    VisitMode,
    SmallChildren,
    DependentCare,
    /// Who lives with the staff member, in words (`夫、長男(8歳)、母(要介護2)`): children of
    /// primary-school age or below and family needing care exempt from assembly (004 §3-9).
    Household,
    /// A family member needing support in the household (同居家族の要援護者): yes/no, or words
    /// naming them (`母（要介護2）`).
    HouseholdCare,
    OnDuty,
    Priority,
    Zone,
    Needs,
    Device,
    BatteryHours,
    FamilyCovers,
    HasPhone,
    /// A known column this import does not use (phone number, notes, birth date …).
    Ignored,
}

/// One accepted column: the header the template writes, its English name, other aliases,
/// the sheets it belongs to and whether it must be present.
pub struct ColumnSpec {
    pub field: Field,
    pub ja: &'static str,
    pub en: &'static str,
    pub aliases: &'static [&'static str],
    pub staff: bool,
    pub patients: bool,
    pub required: bool,
}

const fn col(
    field: Field,
    ja: &'static str,
    en: &'static str,
    aliases: &'static [&'static str],
    staff: bool,
    patients: bool,
    required: bool,
) -> ColumnSpec {
    ColumnSpec {
        field,
        ja,
        en,
        aliases,
        staff,
        patients,
        required,
    }
}

/// Every accepted column, in template order. docs/import.md lists the same.
pub const COLUMNS: &[ColumnSpec] = &[
    col(
        Field::Id,
        "職員ID",
        "id",
        &["staff_id", "職員番号"],
        true,
        false,
        false,
    ),
    col(
        Field::Id,
        "利用者ID",
        "id",
        &["patient_id", "利用者番号"],
        false,
        true,
        false,
    ),
    col(Field::Id, "ID", "id", &["番号"], true, true, false),
    col(
        Field::Name,
        "氏名",
        "name",
        &["名前", "職員名", "利用者名", "氏名(漢字)", "full_name"],
        true,
        true,
        false,
    ),
    col(
        Field::Address,
        "住所",
        "address",
        &["自宅住所", "所在地"],
        true,
        true,
        false,
    ),
    col(
        Field::Role,
        "職種",
        "role",
        &["資格", "job", "job_role"],
        true,
        false,
        true,
    ),
    col(
        Field::BcpRole,
        "BCP役割",
        "bcp_role",
        &["役割", "BCP担当", "担当", "災害時役割"],
        true,
        false,
        false,
    ),
    col(
        Field::HomeKm,
        "自宅からの距離(km)",
        "home_km",
        &[
            "距離",
            "距離(km)",
            "自宅距離",
            "自宅までの距離",
            "事業所からの距離",
            "distance",
            "distance_km",
        ],
        true,
        true,
        false,
    ),
    col(
        Field::Commute,
        "通勤手段",
        "commute",
        &["通勤方法", "通勤", "commute_mode"],
        true,
        false,
        true,
    ),
    col(
        Field::VisitMode,
        "訪問手段",
        "visit_mode",
        &["訪問方法", "訪問"],
        true,
        false,
        false,
    ),
    col(
        Field::SmallChildren,
        "小学生以下の子",
        "small_children",
        &[
            "小学生以下の子供",
            "小学生以下の子ども",
            "小学生以下の子供あり",
            "子供",
            "子ども",
        ],
        true,
        false,
        false,
    ),
    col(
        Field::DependentCare,
        "要介護の家族",
        "dependent_care",
        &[
            "要援護の家族",
            "要援護者",
            "家族の介護",
            "介護中の家族",
            "要介護者",
        ],
        true,
        false,
        false,
    ),
    col(
        Field::HouseholdCare,
        "同居家族の要援護者",
        "household_care",
        &["同居家族の要介護者", "同居の要援護者", "同居の要介護者"],
        true,
        false,
        false,
    ),
    col(
        Field::Household,
        "同居家族",
        "household",
        &["家族構成", "同居者", "同居の家族"],
        true,
        false,
        false,
    ),
    col(
        Field::OnDuty,
        "発災時勤務中",
        "on_duty_at_onset",
        &["勤務中", "on_duty"],
        true,
        false,
        false,
    ),
    col(
        Field::Priority,
        "優先度",
        "priority",
        &["優先順位", "安否確認優先順位", "優先", "class", "区分"],
        false,
        true,
        true,
    ),
    col(
        Field::Zone,
        "地区",
        "zone",
        &["地域", "ゾーン", "エリア", "area"],
        false,
        true,
        false,
    ),
    col(
        Field::Needs,
        "ケア",
        "needs",
        &["必要なケア", "ケア内容", "ケアの種類", "care"],
        false,
        true,
        false,
    ),
    col(
        Field::Device,
        "医療機器",
        "device",
        &["devices", "機器", "使用機器", "医療機器の種類"],
        false,
        true,
        false,
    ),
    col(
        Field::BatteryHours,
        "バッテリー(時間)",
        "battery_hours",
        &[
            "バッテリー",
            "バッテリー時間",
            "バッテリー持続時間",
            "battery",
        ],
        false,
        true,
        false,
    ),
    col(
        Field::FamilyCovers,
        "家族の代替",
        "family_covers",
        &["家族対応", "家族の対応", "家族が代われるケア", "family"],
        false,
        true,
        false,
    ),
    col(
        Field::HasPhone,
        "電話",
        "has_phone",
        &["電話連絡", "電話の有無", "phone"],
        false,
        true,
        false,
    ),
    col(
        Field::Ignored,
        "備考",
        "notes",
        &[
            "メモ",
            "memo",
            "note",
            "comment",
            "no",
            "no.",
            "№",
            "電話番号",
            "phone_number",
            "連絡先",
            "緊急連絡先",
            "携帯",
            "携帯番号",
            "メール",
            "email",
            "生年月日",
            "年齢",
            "age",
            "性別",
            "sex",
            "gender",
            "ふりがな",
            "フリガナ",
            "カナ",
        ],
        true,
        true,
        false,
    ),
];

impl ColumnSpec {
    fn applies(&self, kind: SheetKind) -> bool {
        match kind {
            SheetKind::Staff => self.staff,
            SheetKind::Patients => self.patients,
        }
    }

    fn matches(&self, header_key: &str) -> bool {
        std::iter::once(self.ja)
            .chain(std::iter::once(self.en))
            .chain(self.aliases.iter().copied())
            .any(|a| key(a) == header_key)
    }
}

/// The header as matched: NFKC, lower case, no spaces, `-` as `_`.
fn header_key(h: &str) -> String {
    key(h).replace('-', "_")
}

/// `自宅からの距離(km)` → `自宅からの距離`: a trailing unit in brackets does not matter.
fn without_unit(k: &str) -> Option<String> {
    let open = k.rfind('(')?;
    k.ends_with(')').then(|| k[..open].to_string())
}

/// The column spec a header means on this sheet, if any.
pub fn lookup(header: &str, kind: SheetKind) -> Option<&'static ColumnSpec> {
    let k = header_key(header);
    // Cells starting with `#` are the planner's own notes.
    if k.starts_with('#') {
        return COLUMNS.iter().find(|c| c.field == Field::Ignored);
    }
    let stripped = without_unit(&k);
    COLUMNS.iter().filter(|c| c.applies(kind)).find(|c| {
        c.matches(&k)
            || stripped
                .as_deref()
                .is_some_and(|s| !s.is_empty() && c.matches(s))
    })
}

/// A column of the sheet.
#[derive(Debug, Clone)]
pub struct Column {
    pub index: usize,
    /// As written in the sheet, for messages.
    pub header: String,
    pub field: Field,
}

/// A parsed sheet: its columns and its data rows (numbered as Excel numbers rows).
#[derive(Debug, Clone)]
pub struct Sheet {
    pub kind: SheetKind,
    pub columns: Vec<Column>,
    pub rows: Vec<(usize, Vec<String>)>,
    /// Columns not read (headers this import does not know): said, not refused.
    pub warnings: Vec<Problem>,
    /// The row of the header (rows above it are titles).
    pub header_row: usize,
}

/// Rows above the header (a title such as 表1 災害時職員管理シート) are skipped; the header is
/// the first of these rows with two or more known headers.
const HEADER_SEARCH_ROWS: usize = 20;

impl Sheet {
    pub fn parse(text: &str, kind: SheetKind) -> Result<Sheet, Vec<Problem>> {
        let records = read_records(text).map_err(|p| vec![p])?;
        let header_at = records
            .iter()
            .take(HEADER_SEARCH_ROWS)
            .position(|(_, cells)| {
                cells
                    .iter()
                    .filter(|c| lookup(c, kind).is_some_and(|s| s.field != Field::Ignored))
                    .count()
                    >= 2
            });
        let Some(header_at) = header_at else {
            return Err(vec![no_header(kind)]);
        };
        let (header_row, header_cells) = &records[header_at];
        let header_line = *header_row;
        let mut columns = Vec::new();
        let mut problems = Vec::new();
        let mut warnings = Vec::new();
        for (index, raw) in header_cells.iter().enumerate() {
            let header = raw.trim().to_string();
            if header.is_empty() {
                continue;
            }
            match lookup(&header, kind) {
                Some(spec) => {
                    let dup = spec.field != Field::Ignored
                        && columns.iter().any(|c: &Column| c.field == spec.field);
                    if dup {
                        problems.push(
                            Problem::new(
                                "duplicate-column",
                                Msg::new(
                                    format!("「{}」と同じ内容の列が二つあります", spec.ja),
                                    format!("a second column for \"{}\"", spec.en),
                                ),
                                Some(Msg::new(
                                    "どちらかの列を削除してください",
                                    "delete one of the two columns",
                                )),
                            )
                            .at(*header_row, &header),
                        );
                    } else {
                        columns.push(Column {
                            index,
                            header,
                            field: spec.field,
                        });
                    }
                }
                None => warnings.push(unknown_header(&header, kind).at(*header_row, &header)),
            }
        }
        for spec in COLUMNS.iter().filter(|c| c.required && c.applies(kind)) {
            if !columns.iter().any(|c| c.field == spec.field) {
                let mut p = Problem::new(
                    "missing-column",
                    Msg::new(
                        format!("必須の列「{}」がありません", spec.ja),
                        format!(
                            "the required column \"{}\" ({}) is missing",
                            spec.en, spec.ja
                        ),
                    ),
                    Some(Msg::new(
                        format!("見出しが「{}」の列を追加してください", spec.ja),
                        format!("add a column headed \"{}\" or \"{}\"", spec.ja, spec.en),
                    )),
                );
                p.row = Some(*header_row);
                problems.push(p);
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let rows = records
            .into_iter()
            .skip(header_at + 1)
            .filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()))
            .collect();
        Ok(Sheet {
            kind,
            columns,
            rows,
            warnings,
            header_row: header_line,
        })
    }

    /// The cell of `field` in `cells`, trimmed, with its header; `None` when the column is
    /// absent or the cell empty.
    pub fn cell<'a>(&'a self, cells: &'a [String], field: Field) -> Option<(&'a str, &'a str)> {
        let col = self.columns.iter().find(|c| c.field == field)?;
        let v = cells.get(col.index)?.trim();
        (!v.is_empty()).then_some((col.header.as_str(), v))
    }

    /// The header of `field`'s column, or its template name when the sheet has none.
    pub fn header_of(&self, field: Field) -> String {
        self.columns
            .iter()
            .find(|c| c.field == field)
            .map(|c| c.header.clone())
            .or_else(|| {
                COLUMNS
                    .iter()
                    .find(|c| c.field == field && c.applies(self.kind))
                    .map(|c| c.ja.to_string())
            })
            .unwrap_or_default()
    }
}

#[allow(clippy::result_large_err)] // a problem is built once per failed import, never in a loop
fn read_records(text: &str) -> Result<Vec<(usize, Vec<String>)>, Problem> {
    // A tab-separated sheet (pasted from Excel) has tabs and no commas on its first line.
    let first = text.lines().next().unwrap_or("");
    let delimiter = if first.contains('\t') && !first.contains(',') {
        b'\t'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut out = Vec::new();
    for (i, rec) in reader.records().enumerate() {
        let rec = rec.map_err(|e| {
            let mut p = Problem::new(
                "csv",
                Msg::new(
                    format!("CSV として読めません: {e}"),
                    format!("not readable as CSV: {e}"),
                ),
                None,
            );
            p.row = Some(i + 1);
            p
        })?;
        out.push((i + 1, rec.iter().map(str::to_string).collect()));
    }
    Ok(out)
}

fn known_headers(kind: SheetKind) -> String {
    COLUMNS
        .iter()
        .filter(|c| c.applies(kind) && c.field != Field::Ignored)
        .map(|c| format!("{}/{}", c.ja, c.en))
        .collect::<Vec<_>>()
        .join(", ")
}

fn no_header(kind: SheetKind) -> Problem {
    Problem::new(
        "no-header",
        Msg::new(
            format!(
                "{}の見出し行が見つかりません（先頭 {HEADER_SEARCH_ROWS} 行に既知の見出しが二つ以上ある行）",
                kind.ja()
            ),
            format!(
                "no {} header row found (a row among the first {HEADER_SEARCH_ROWS} with two or more known headers)",
                kind.en()
            ),
        ),
        Some(Msg::new(
            format!("使える見出し: {}", known_headers(kind)),
            format!("accepted headers: {}", known_headers(kind)),
        )),
    )
}

fn unknown_header(header: &str, kind: SheetKind) -> Problem {
    let names: Vec<&'static str> = COLUMNS
        .iter()
        .filter(|c| c.applies(kind))
        .flat_map(|c| [c.ja, c.en].into_iter().chain(c.aliases.iter().copied()))
        .collect();
    let keyed: Vec<String> = names.iter().map(|n| header_key(n)).collect();
    let k = header_key(header);
    let suggestion = crate::load::closest_name(&k, keyed.iter().map(String::as_str))
        .and_then(|b| keyed.iter().position(|x| x == b))
        .map(|i| names[i]);
    let (ja, en) = match suggestion {
        Some(s) => (
            format!("「{s}」のことですか？ 使わない列なら見出しを「#」で始めてください"),
            format!("did you mean \"{s}\"? To keep a column out, start its header with \"#\""),
        ),
        None => (
            format!(
                "使える見出し: {}。使わない列なら見出しを「#」で始めてください",
                known_headers(kind)
            ),
            format!(
                "accepted headers: {}. To keep a column out, start its header with \"#\"",
                known_headers(kind)
            ),
        ),
    };
    Problem::new(
        "unknown-column",
        Msg::new(
            format!("知らない見出しの列は読み込みません: 「{header}」"),
            format!("unknown column header \"{header}\": the column is not read"),
        ),
        Some(Msg::new(ja, en)),
    )
}

/// An empty sheet with the template's Japanese headers, UTF-8 with a BOM (so that Excel opens
/// it as UTF-8) and CRLF line ends (as Excel writes).
pub fn template(kind: SheetKind) -> Vec<u8> {
    let headers: &[&str] = match kind {
        SheetKind::Staff => &[
            "職員ID",
            "氏名",
            "職種",
            "BCP役割",
            "自宅からの距離(km)",
            "通勤手段",
            "訪問手段",
            "小学生以下の子",
            "要介護の家族",
            "同居家族",
            "備考",
        ],
        SheetKind::Patients => &[
            "利用者ID",
            "氏名",
            "優先度",
            "事業所からの距離(km)",
            "地区",
            "ケア",
            "医療機器",
            "バッテリー(時間)",
            "家族の代替",
            "電話",
            "備考",
        ],
    };
    let mut out = b"\xEF\xBB\xBF".to_vec();
    out.extend_from_slice(headers.join(",").as_bytes());
    out.extend_from_slice(b"\r\n");
    out
}

//! A count's unit in a column of amounts, or an amount's in a column of counts.

use super::{TABLE_PARAM, TableParam, value_cells};
use crate::format::ValueKind;
use crate::number::{CellValue, Dimension};
use crate::rulefile::RuleFileError;
use crate::rules::{CheckType, Compile, Context, Doc, Kind, ParamDoc, Reporter, Scope};

pub struct UnitKind {
    table: Option<String>,
}

impl CheckType for UnitKind {
    const KIND: Kind = Kind::Table;
    const NAME: &'static str = "unit-kind";
    const DOC: Doc = Doc {
        zh: "单元格写的单位与本列的数不是一类：金额列（如表二“本年收费金额（单位：万元）”）写了件、条等计数单位（“12件”），\
或计数列写了元、万元。这样的数无法换算，多半填错了格或单位。",
        en: "A cell's unit is of the wrong kind for its column: a count's unit (件, 条) in a column of amounts \
(table 二's 本年收费金额（单位：万元）: `12件`), or 元/万元 in a column of counts. It cannot be converted; the cell or \
its unit is likely wrong.",
    };
    const PARAMS: &'static [ParamDoc] = &[TABLE_PARAM];
    const PLACEHOLDERS: &'static [&'static str] = &["table", "row", "column", "found", "unit"];
    const SCOPE: Scope = Scope::Tables;
    type Params = TableParam;

    fn compile(p: TableParam, cx: &Compile<'_>) -> Result<Self, RuleFileError> {
        Ok(UnitKind { table: p.key(cx)? })
    }

    fn check(&self, cx: &Context<'_>, out: &mut Reporter<'_>) {
        let units = &cx.format.units;
        for v in value_cells(cx, out, self.table.as_deref()) {
            // A zero is zero in any unit.
            let CellValue::Number(n) = &v.cell.value else { continue };
            if n.raw() == 0 {
                continue;
            }
            let (Some(written), Some(column)) = (n.unit, v.column) else {
                continue;
            };
            let w = units.get(written);
            let wanted = match column.values {
                ValueKind::Amount => Dimension::Amount,
                ValueKind::Count | ValueKind::Signed => Dimension::Count,
            };
            if w.dimension == wanted || w.dimension == Dimension::Percent {
                continue;
            }
            let (zh, en) = if wanted == Dimension::Amount {
                ("金额", "amounts")
            } else {
                ("数量", "counts")
            };
            out.report(
                v.finding(
                    cx,
                    cx.tr(
                        &format!("单位是{}，本列是{zh}", w.symbol),
                        &format!("in {}, the column holds {en}", w.symbol),
                    ),
                )
                .arg("unit", w.symbol.clone()),
            );
        }
    }
}

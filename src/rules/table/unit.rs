//! An amount written in another unit than its column counts in.

use super::{TABLE_PARAM, TableParam, value_cells};
use crate::number::CellValue;
use crate::rulefile::RuleFileError;
use crate::rules::{CheckType, Compile, Context, Doc, Kind, ParamDoc, Reporter, Scope};

pub struct UnitMismatch {
    table: Option<String>,
}

impl CheckType for UnitMismatch {
    const KIND: Kind = Kind::Table;
    const NAME: &'static str = "unit";
    const DOC: Doc = Doc {
        zh: "列规定了单位（如表二“本年收费金额（单位：万元）”），单元格却写了别的单位（如“2122500000元”）。\
求和时已按单位换算；这里提醒统一写成列的单位。",
        en: "A column states its unit (table 二's 本年收费金额（单位：万元）) but a cell is written in another \
(2122500000元). Sums convert it; this asks for the column's unit.",
    };
    const PARAMS: &'static [ParamDoc] = &[TABLE_PARAM];
    const PLACEHOLDERS: &'static [&'static str] = &["table", "row", "column", "found", "unit", "converted"];
    const SCOPE: Scope = Scope::Tables;
    type Params = TableParam;

    fn compile(p: TableParam, cx: &Compile<'_>) -> Result<Self, RuleFileError> {
        Ok(UnitMismatch { table: p.key(cx)? })
    }

    fn check(&self, cx: &Context<'_>, out: &mut Reporter<'_>) {
        let units = &cx.format.units;
        for v in value_cells(cx, out, self.table.as_deref()) {
            let CellValue::Number(n) = &v.cell.value else { continue };
            let (Some(written), Some(expected)) = (n.unit, v.column.and_then(|c| c.unit)) else {
                continue;
            };
            let (w, e) = (units.get(written), units.get(expected));
            if written == expected || w.dimension != e.dimension {
                continue;
            }
            let converted = n.to_unit(expected, units);
            let finding = v
                .finding(
                    cx,
                    cx.tr(
                        &format!("单位是{}，本列为{}", w.symbol, e.symbol),
                        &format!("in {}, the column is in {}", w.symbol, e.symbol),
                    ),
                )
                .arg("unit", e.symbol.clone())
                .arg("converted", format!("{converted}{}", e.symbol))
                .note(cx.tr(
                    &format!("折合 {converted}{}", e.symbol),
                    &format!("that is {converted} {}", e.symbol),
                ));
            out.report(finding);
        }
    }
}

//! Kind `sum`: numbers that must add up — in a table (`relation`), in the text
//! (`prose-breakdown`), and between the text and a table (`prose-table`). The
//! relation machinery is [`crate::relation`].

pub mod prose_breakdown;
pub mod prose_share;
pub mod prose_table;
pub mod relation;
pub mod split_unbalanced;

use crate::rules::Doc;

pub const DOC: Doc = Doc {
    zh: "应当相加相等的数字：表格中的关系式，正文所列各部分与总数，正文中的数字与表格。关系式用表格定义中的行、列键名（或别名）书写。\
只有所需单元格都是有效数字时才检查：空白由 empty-cell 报告，不再报告为不平衡；同一个错数只报告一次。",
    en: "Numbers that must add up: relations inside a table, the parts of a whole stated in the text, numbers in \
the text against a table. Relations name rows and columns by the table schema's keys (or aliases). A relation is \
only checked when every cell it needs holds a valid number: a blank is reported by empty-cell, not again as a \
failing sum; one wrong number is reported once.",
};

/// Where a sentence ends, for the prose checks.
use crate::model::SENTENCE_ENDS;

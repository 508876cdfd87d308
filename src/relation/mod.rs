//! Relations between numbers: the machinery the `sum` checks share.
//!
//! A relation is written in a rule file ([`expr`]), bound to the rows and
//! columns of every schema of its table ([`bind`]), evaluated on a table read
//! from a report ([`eval`]), and, when it fails, turned into a finding whose
//! primary label sits on the total and whose evidence says which cell it blames
//! ([`report`]).

pub mod bind;
pub mod eval;
pub mod expr;
pub mod report;

pub use bind::{Bound, BoundRelation, BoundTable, Each, bind};
pub use eval::{At, Value, evaluate, names, places, total};
pub use expr::Op;
pub use report::{FAILURE_PLACEHOLDERS, failure};

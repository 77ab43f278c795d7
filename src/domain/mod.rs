//! Pure domain rules: campaigns, students, cases and their clocks, reasons, ID numbers.
//! No SQL, no UI, no I/O: every function takes the current time as an argument.

pub mod campaign;
pub mod case;
pub mod clock;
pub mod decision;
pub mod id_number;
pub mod lang;
pub mod production;
pub mod reasons;
pub mod role;
pub mod spec;
pub mod stats;
pub mod student;

//! Export: a plan and its schedule as other tools' files. Pure: the forum,
//! its schedule as of a day, and options in; bytes out.

mod docx;
mod mspdi;

pub use docx::docx;
pub use mspdi::mspdi;

//! The report colours every format shares (the HTML page's charts, the
//! Word document's and the workbook's cell fills), stated once.

use forumplan_scheduler::{Rag, Readiness};

/// The strong colour of a RAG (text, bars) and its light tint (fills), as
/// `#rrggbb`.
pub fn rag(rag: Rag) -> (&'static str, &'static str) {
    match rag {
        Rag::Red => ("#c62828", "#fdecea"),
        Rag::Amber => ("#e09600", "#fff4dc"),
        Rag::Green => ("#2e7d32", "#e8f5e9"),
    }
}

/// The colours of a task's readiness, as [`rag`] gives them: behind is
/// red, at risk amber, on track green, and done a quiet blue.
pub fn readiness(readiness: Readiness) -> (&'static str, &'static str) {
    match readiness {
        Readiness::Late => rag(Rag::Red),
        Readiness::AtRisk => rag(Rag::Amber),
        Readiness::OnTrack => rag(Rag::Green),
        Readiness::Done => ("#1f4e78", "#ddebf7"),
    }
}

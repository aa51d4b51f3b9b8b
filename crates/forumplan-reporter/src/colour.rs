//! The report colours every format shares (the HTML page's charts, the
//! Word document's cell fills), stated once.

use forumplan_scheduler::Rag;

/// The strong colour of a RAG (text, bars) and its light tint (fills), as
/// `#rrggbb`.
pub fn rag(rag: Rag) -> (&'static str, &'static str) {
    match rag {
        Rag::Red => ("#c62828", "#fdecea"),
        Rag::Amber => ("#e09600", "#fff4dc"),
        Rag::Green => ("#2e7d32", "#e8f5e9"),
    }
}

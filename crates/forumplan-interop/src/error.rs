//! What can go wrong writing an export (reading one reports [`crate::Problem`]s).

/// An export that could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// A workbook Excel cannot hold (more than 1,048,576 rows, a text over
    /// 32,767 characters).
    #[error("{0}")]
    Workbook(#[from] rust_xlsxwriter::XlsxError),
    /// The Word document could not be packed into its zip container.
    #[error("the Word document could not be packed: {reason}")]
    Docx {
        /// What the zip writer said.
        reason: String,
    },
}

impl ExportError {
    /// The error's stable code, for logs and scripts.
    pub fn code(&self) -> &'static str {
        match self {
            ExportError::Workbook(_) => "xlsx-limits",
            ExportError::Docx { .. } => "docx-pack",
        }
    }
}

//! Writes the committee spreadsheets under `fixtures/interop/`: a
//! realistic Vietnamese preparation plan (title rows, a header row,
//! roman-numeral sections, merged cells, real and text dates, predecessors
//! such as `1, 2SS+2d`) and a broken copy of it. The files are committed;
//! run this again only to change them:
//!
//! ```sh
//! cargo run -p forumplan-interop --example committee_sheets
//! ```

#![allow(
    clippy::disallowed_methods,
    reason = "a generator of test fixtures, not the library: it writes files"
)]

use std::path::Path;

use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, Workbook, Worksheet, XlsxError};

/// One row of the table: STT, task, lead, support, start, deadline,
/// days, predecessors, status, %, remarks. A start written `D:` is a real
/// date cell; a % written `F:` is a fraction in a percentage cell.
type Row = [&'static str; 11];

const HEADER: Row = [
    "STT",
    "Nội dung công việc",
    "Đơn vị chủ trì",
    "Đơn vị phối hợp",
    "Bắt đầu",
    "Thời hạn hoàn thành",
    "Số ngày",
    "Sau việc",
    "Tình trạng",
    "% hoàn thành",
    "Ghi chú",
];

const PLAN: [Row; 14] = [
    ["I", "CÔNG TÁC NỘI DUNG", "", "", "", "", "", "", "", "", ""],
    [
        "1",
        "Xây dựng đề cương Diễn đàn",
        "Vụ Tổng hợp",
        "Ban Kinh tế Trung ương",
        "D:2022-07-01",
        "15/07/2022",
        "10",
        "",
        "Hoàn thành",
        "F:1",
        "",
    ],
    [
        "2",
        "Đặt hàng tham luận của chuyên gia",
        "",
        "Viện Chiến lược",
        "",
        "05/08/2022",
        "",
        "1",
        "Đang thực hiện",
        "F:0.6",
        "Đã có 6/10 tham luận",
    ],
    [
        "3",
        "Hoàn thiện báo cáo đề dẫn",
        "",
        "",
        "",
        "T-10",
        "15",
        "1, 2SS+2d",
        "",
        "",
        "",
    ],
    [
        "II",
        "CÔNG TÁC TỔ CHỨC, HẬU CẦN",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
    ],
    [
        "4",
        "Lựa chọn địa điểm tổ chức",
        "Văn phòng Bộ",
        "",
        "",
        "D:2022-07-29",
        "5",
        "",
        "Hoàn thành",
        "",
        "",
    ],
    [
        "5",
        "Gửi giấy mời đại biểu",
        "Văn phòng Bộ",
        "Vụ Hợp tác quốc tế",
        "",
        "T-20",
        "3",
        "3FS+2d, 4",
        "Chưa thực hiện",
        "",
        "",
    ],
    [
        "6",
        "Chuẩn bị hội trường, âm thanh, ánh sáng",
        "Văn phòng Bộ",
        "",
        "2022-09-05",
        "T-1",
        "",
        "4",
        "",
        "",
        "",
    ],
    [
        "7",
        "Tổng duyệt chương trình",
        "Văn phòng Bộ",
        "Vụ Tổng hợp",
        "",
        "T-2",
        "1",
        "6FF, 3",
        "",
        "",
        "",
    ],
    [
        "III",
        "CÔNG TÁC TRUYỀN THÔNG",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
    ],
    [
        "8",
        "Xây dựng kế hoạch truyền thông",
        "Vụ Tổng hợp",
        "Báo Đầu tư",
        "01/08/2022",
        "12/08/2022",
        "",
        "1",
        "Đang thực hiện",
        "F:0.3",
        "",
    ],
    [
        "9",
        "Họp báo giới thiệu Diễn đàn",
        "Vụ Tổng hợp",
        "",
        "",
        "T-3",
        "1",
        "8, 5SS",
        "",
        "",
        "",
    ],
    ["", "", "", "", "", "", "", "", "", "", ""],
    ["Nơi nhận:", "", "", "", "", "", "", "", "", "", ""],
];

/// The same plan with one mistake of each kind a committee makes.
const BROKEN: [Row; 6] = [
    ["I", "CÔNG TÁC NỘI DUNG", "", "", "", "", "", "", "", "", ""],
    [
        "1",
        "Xây dựng đề cương Diễn đàn",
        "Vụ Tổng hợp",
        "",
        "",
        "31/02/2022",
        "10",
        "",
        "Hoàn thành",
        "",
        "",
    ],
    [
        "2",
        "Đặt hàng tham luận của chuyên gia",
        "Vụ Tổng hợp",
        "",
        "",
        "05/08/2022",
        "ba ngày",
        "12",
        "",
        "150%",
        "",
    ],
    [
        "3",
        "Hoàn thiện báo cáo đề dẫn",
        "Vụ Tổng hợp",
        "",
        "",
        "tuần sau",
        "15",
        "1, 2XY+2d",
        "",
        "",
        "",
    ],
    ["II", "CÔNG TÁC TỔ CHỨC", "", "", "", "", "", "", "", "", ""],
    [
        "4",
        "Gửi giấy mời đại biểu",
        "Văn phòng Bộ",
        "",
        "",
        "T-20",
        "3",
        "3, 4",
        "Chờ ý kiến",
        "",
        "",
    ],
];

fn main() -> Result<(), XlsxError> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/interop");
    write(&folder.join("ke-hoach-2022.xlsx"), &PLAN, true)?;
    write(&folder.join("ke-hoach-loi.xlsx"), &BROKEN, false)?;
    Ok(())
}

fn write(path: &Path, rows: &[Row], merged_lead: bool) -> Result<(), XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Kế hoạch")?;
    title_rows(sheet)?;
    let bold = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center);
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let percent = Format::new().set_num_format("0%");
    let header_row = 6;
    for (column, text) in HEADER.iter().enumerate() {
        sheet.write_string_with_format(header_row, column as u16, *text, &bold)?;
        // The row that numbers the columns, as official tables have.
        sheet.write_string(header_row + 1, column as u16, format!("({})", column + 1))?;
    }
    for (i, row) in rows.iter().enumerate() {
        let r = header_row + 2 + i as u32;
        let section = row[0].chars().all(|c| matches!(c, 'I' | 'V' | 'X')) && !row[0].is_empty();
        for (column, text) in row.iter().enumerate() {
            let c = column as u16;
            if text.is_empty() {
                continue;
            }
            if let Some(iso) = text.strip_prefix("D:") {
                let day = |a: usize, b: usize| iso[a..b].parse::<u16>().unwrap_or(1);
                let value = ExcelDateTime::from_ymd(day(0, 4), day(5, 7) as u8, day(8, 10) as u8)?;
                sheet.write_datetime_with_format(r, c, &value, &date)?;
            } else if let Some(fraction) = text.strip_prefix("F:") {
                sheet.write_number_with_format(
                    r,
                    c,
                    fraction.parse::<f64>().unwrap_or(0.0),
                    &percent,
                )?;
            } else if column == 0 || column == 6 {
                match text.parse::<f64>() {
                    Ok(n) => sheet.write_number(r, c, n)?,
                    Err(_) => sheet.write_string(r, c, *text)?,
                };
            } else if section && column == 1 {
                sheet.write_string_with_format(r, c, *text, &Format::new().set_bold())?;
            } else {
                sheet.write_string(r, c, *text)?;
            }
        }
    }
    if merged_lead {
        // One lead unit for the whole content section: merged down.
        sheet.merge_range(
            header_row + 3,
            2,
            header_row + 5,
            2,
            "Vụ Tổng hợp",
            &Format::new(),
        )?;
    }
    sheet.set_column_width(1, 42)?;
    book.save(path)
}

/// The national heading, the issuing unit and the title, merged across.
fn title_rows(sheet: &mut Worksheet) -> Result<(), XlsxError> {
    let center = Format::new().set_align(FormatAlign::Center);
    let bold = center.clone().set_bold();
    sheet.merge_range(0, 0, 0, 2, "BỘ KẾ HOẠCH VÀ ĐẦU TƯ", &center)?;
    sheet.merge_range(0, 4, 0, 10, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", &bold)?;
    sheet.merge_range(1, 0, 1, 2, "BAN TỔ CHỨC DIỄN ĐÀN", &bold)?;
    sheet.merge_range(1, 4, 1, 10, "Độc lập - Tự do - Hạnh phúc", &bold)?;
    sheet.merge_range(
        3,
        0,
        3,
        10,
        "KẾ HOẠCH TỔ CHỨC DIỄN ĐÀN KINH TẾ - XÃ HỘI VIỆT NAM NĂM 2022",
        &bold,
    )?;
    sheet.merge_range(
        4,
        0,
        4,
        10,
        "(Kèm theo Quyết định số 123/QĐ-BTC ngày 15/6/2022 của Ban Tổ chức)",
        &center,
    )?;
    Ok(())
}

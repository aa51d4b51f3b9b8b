mod journal_file;

fn main() {}

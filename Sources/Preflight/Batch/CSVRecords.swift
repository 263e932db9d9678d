/// RFC 4180 records: fields separated by commas, records by LF, CRLF or CR; a field in double quotes may hold
/// commas, line breaks and `""` for a quote. Lenient where spreadsheets are (a quote inside an unquoted field,
/// or text after a closing quote, is kept as text); only an unterminated quoted field is an error.
enum CSVRecords {
    struct Record: Equatable {
        /// 1-based line the record starts on.
        var line: Int
        var fields: [String]
    }

    struct UnterminatedQuote: Error, Equatable {
        /// Line the quoted field starts on.
        var line: Int
    }

    /// The records of `text`; blank lines are skipped.
    static func parse(_ text: String) throws(UnterminatedQuote) -> [Record] {
        var records: [Record] = []
        var fields: [String] = [], field = String.UnicodeScalarView()
        var line = 1, recordLine = 1, quoteLine = 0
        var quoted = false, fieldStarted = false
        var scalars = text.unicodeScalars[...]
        func endField() {
            fields.append(String(field))
            field = .init()
            fieldStarted = false
        }
        func endRecord() {
            endField()
            if !(fields.count == 1 && fields[0].isEmpty) { records.append(Record(line: recordLine, fields: fields)) }
            fields = []
        }
        while let c = scalars.popFirst() {
            if quoted {
                if c == "\"" {
                    if scalars.first == "\"" { field.append("\""); scalars.removeFirst() } else { quoted = false }
                } else {
                    if c == "\n" || (c == "\r" && scalars.first != "\n") { line += 1 }
                    field.append(c)
                }
                continue
            }
            switch c {
            case "\"" where !fieldStarted:
                field = .init()   // spaces before the opening quote
                quoted = true
                fieldStarted = true
                quoteLine = line
            case ",":
                endField()
            case "\r" where scalars.first == "\n":
                continue   // the "\n" ends the record
            case "\n", "\r":
                endRecord()
                line += 1
                recordLine = line
            default:
                field.append(c)
                if c != " " { fieldStarted = true }
            }
        }
        if quoted { throw UnterminatedQuote(line: quoteLine) }
        endRecord()
        return records
    }
}

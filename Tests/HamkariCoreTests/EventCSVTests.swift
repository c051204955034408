import Foundation
import HamkariCore
import TestSupport
import Testing

@Suite("Event CSV: import with line-numbered errors, mappings, export that imports again")
struct EventCSVTests {
    static let organisation = UUIDv7.make()
    static let author = UUIDv7.make()

    static func importer(mapping: CSVMapping = CSVMapping()) -> EventCSVImport {
        let units = BuiltInGazetteer.all
        let validator = EventValidator(vocabulary: .builtIn, places: Dictionary(units.map { ($0.pcode, $0.parentPcode) }) { a, _ in a },
                                       organisations: [organisation])
        return EventCSVImport(mapping: mapping, validator: validator, units: units, organisationID: organisation, authorID: author)
    }

    static let good = """
        event_key,title,description,date,calendar,province,district,act_type,victim_name,victim_sex,victims_girls,perpetrator_type,rights,source_consent
        e1,حمله بر مکتب,"مکتب در روستاق، سوختانده شد",1405-02,solar-hijri,Takhar,Rostaq,attack_on_school,,,,non_state_armed_group,education,public
        e1,حمله بر مکتب,,1405-02,solar-hijri,تخار,روستاق,injury,,,3,گروه مسلح غیردولتی,,
        e2,Journalist detained,At a checkpoint,2026-03-04,gregorian,AF19,AF1901,Arbitrary arrest or detention,Farid Noori,male,,de_facto_authorities,freedom_of_expression;liberty_from_arbitrary_arrest,anonymised

        """

    @Test("Rows with the same event_key make one event; places and terms by name (any language) or code")
    func goodFile() throws {
        let result = Self.importer().read(Self.good)
        #expect(result.errors.isEmpty, "\(result.errors)")
        #expect(result.rows == 3)
        #expect(result.events.count == 2)
        let school = try #require(result.events.first)
        #expect(school.acts.map(\.type) == ["attack_on_school", "injury"])
        #expect(school.districtPcode == "AF1810")
        #expect(school.acts[1].victim == .group(GroupCount(girls: 3)))
        #expect(school.acts[1].involvements.first?.perpetratorType == "non_state_armed_group")
        #expect(school.sources.first?.consent == .public)
        let detention = result.events[1]
        #expect(detention.date?.firstISO == "2026-03-04")
        #expect(detention.people.first?.identity?.name == "Farid Noori")
        #expect(detention.acts[0].rightsAffected == ["freedom_of_expression", "liberty_from_arbitrary_arrest"])
    }

    @Test("Every error is reported with its line and column, and no event comes out")
    func errors() {
        let text = """
            title,act_type,date,province,district,victims_men,latitude
            ok,killing,1405-01-01,AF18,,2,
            ,killing,1405-01-01,AF18,,,
            bad date,torture,1405-13-01,Nowhere,,x,
            "multi
            line",killin,1405,AF18,Faizabad,,36.7
            """
        let result = Self.importer().read(text)
        #expect(result.events.isEmpty)
        let found = Set(result.errors.map { "\($0.line):\($0.column):\($0.messageKey)" })
        #expect(found.isSuperset(of: [
            "3:title:invalid_title_required", "4:date:csv_bad_date", "4:province:csv_bad_province", "4:victims_men:csv_bad_count",
            "5:act_type:csv_bad_term", "5:district:csv_bad_district", "5:latitude:invalid_coordinates",
        ]), "\(found)")
    }

    @Test("Read in parts, a file gives the events and the errors one pass gives, in the same order", arguments: [2, 3, 7])
    func inParts(parts: Int) async {
        let good = Self.good + """
            e3,Shop burnt,,1404,solar-hijri,Kunduz,,destruction_of_property,,,,,,
            e1,حمله بر مکتب,,1405-02,solar-hijri,Takhar,Rostaq,killing,,,,,,
            e4,Teacher threatened,,1405-03-02,solar-hijri,Baghlan,,threat,,,,,education ;; freedom_of_expression ,
            e5,Same date read in another calendar,,1405-03-02,gregorian,Baghlan,,threat,,,,,,

            """
        let once = Self.importer().read(good)
        let split = await Self.importer().read(good, parts: parts)
        #expect(once.errors.isEmpty && split.errors.isEmpty, "\(split.errors)")
        #expect(split.rows == once.rows)
        #expect(split.events.map(\.title) == ["حمله بر مکتب", "Journalist detained", "Shop burnt", "Teacher threatened",
                                              "Same date read in another calendar"])
        #expect(split.events[3].acts[0].rightsAffected == ["education", "freedom_of_expression"])
        #expect(split.events.suffix(2).map { $0.date?.firstISO } == ["2026-05-23", "1405-03-02"], "a date is read in its row's calendar")
        #expect(split.events.map { $0.acts.map(\.type) } == once.events.map { $0.acts.map(\.type) })
        #expect(split.events.first?.acts.map(\.type) == ["attack_on_school", "injury", "killing"], "a key's later row joins its event")

        let bad = """
            event_key,title,act_type,date,province,victims_men
            a,ok,killing,1405-01-01,AF18,2
            b,,killing,1405-01-01,AF18,
            c,bad date,torture,1405-13-01,Nowhere,x
            a,ok,killin,1405-01-01,AF18,
            d,fine,killing,1405-01-01,AF17,1
            e,late,killing,1405-99,AF18,
            """
        let wrong = Self.importer().read(bad)
        let wrongInParts = await Self.importer().read(bad, parts: parts)
        #expect(wrongInParts.events.isEmpty)
        #expect(wrongInParts.errors == wrong.errors)
        #expect(wrong.errors.map { "\($0.line):\($0.column)" } == ["4:province", "4:date", "4:victims_men", "5:act_type", "7:date", "3:title"])
    }

    @Test("A file that is not CSV, an empty file, a header without titles")
    func unreadable() {
        #expect(Self.importer().read("").errors.first?.messageKey == "csv_empty")
        #expect(Self.importer().read("title,act_type\n\"open,killing\n").errors.first?.messageKey == "csv_malformed")
        #expect(Self.importer().read("name,kind\nx,y\n").errors.map(\.messageKey) == ["csv_missing_column", "csv_missing_column"])
    }

    @Test("A mapping reads another organisation's layout: their headers, their words, defaults")
    func mapping() throws {
        let mapping = try JSONDecoder().decode(CSVMapping.self, from: Data("""
            {"columns": {"title": "Incident", "act_type": "Violation", "province": "Province"},
             "values": {"act_type": {"Murder": "killing"}}, "defaults": {"calendar": "gregorian", "date": "2025"}}
            """.utf8))
        let result = Self.importer(mapping: mapping).read("Incident,Violation,Province\nA,Murder,Kunduz\n")
        #expect(result.errors.isEmpty, "\(result.errors)")
        #expect(result.events.first?.acts.first?.type == "killing")
        #expect(result.events.first?.date?.firstISO == "2025-01-01")
        let wrong = Self.importer(mapping: CSVMapping(columns: ["titel": "x"])).read("title,act_type\nA,killing\n")
        #expect(wrong.errors.first?.messageKey == "csv_mapping_unknown_columns")
    }

    @Test("An export imports again with the same events, acts and facets; names only when asked")
    func roundTrip() throws {
        let event = SampleEvents.detention(organisationID: Self.organisation, authorID: Self.author)
        var stored = event
        stored.reference = "TAK-1405-0001"
        let withoutNames = EventCSVExport.csv([stored], identities: false, preciseLocation: false)
        #expect(!withoutNames.contains(SampleEvents.victimName))
        #expect(!withoutNames.contains("36.73612"))
        let text = EventCSVExport.csv([stored], identities: true, preciseLocation: true)
        #expect(text.contains(SampleEvents.victimName))
        let again = Self.importer().read(text)
        #expect(again.errors.isEmpty, "\(again.errors)")
        let copy = try #require(again.events.first)
        #expect(copy.title == event.title)
        #expect(copy.date == event.date)
        #expect(copy.acts.map(\.type) == event.acts.map(\.type))
        #expect(copy.acts[1].victim == event.acts[1].victim)
        #expect(copy.people.first?.identity?.name == SampleEvents.victimName)
        #expect(copy.coordinates == event.coordinates)
    }

    @Test("HXL: hashtags under the header, the counts humanitarian tools expect, and the tagged file imports again")
    func hxl() throws {
        var stored = SampleEvents.detention(organisationID: Self.organisation, authorID: Self.author)
        stored.reference = "TAK-1405-0002"
        stored.acts[1].type = "killing"
        let text = EventCSVExport.csv([stored], identities: false, preciseLocation: false, hxl: true)
        let records = try CSVReader.records(in: text)
        #expect(records.count == 4, "header, hashtags, one row per act")
        let header = records[0].fields
        let tags = Dictionary(uniqueKeysWithValues: zip(header, records[1].fields))
        #expect(records[1].fields.count == header.count && EventHXL.isHashtagRow(records[1].fields))
        #expect(tags["date"] == "#date" && tags["province"] == "#adm1+code" && tags["district"] == "#adm2+code")
        #expect(tags["act_type"] == "#event+type" && tags["killed"] == "#affected+killed" && tags["victims_total"] == "#affected+total")
        #expect(!header.contains("victim_name"), "no names unless asked")
        let killed = try #require(header.firstIndex(of: "killed")), total = try #require(header.firstIndex(of: "victims_total"))
        #expect(records[2].fields[killed] == "0" && records[2].fields[total] == "1", "the detention of one person")
        #expect(records[3].fields[killed] == "16" && records[3].fields[total] == "16", "the killing of a group of four women and twelve girls")
        let again = Self.importer().read(text)
        #expect(again.errors.isEmpty, "\(again.errors)")
        #expect(again.rows == 2 && again.events.first?.acts.map(\.type) == ["arbitrary_detention", "killing"])
        #expect(!EventHXL.isHashtagRow(["#date", "1405"]) && !EventHXL.isHashtagRow(["", " "]) && EventHXL.isHashtagRow(["#date", ""]))
    }

    @Test("Cells that a spreadsheet would run as formulas are neutralised")
    func formulas() {
        #expect(CSVWriter.line(["=HYPERLINK(\"x\")", "-3", "a,b"]) == "\"'=HYPERLINK(\"\"x\"\")\",-3,\"a,b\"\r\n")
        #expect(CSVWriter.line(["=\u{301}cmd", "@\u{64B}x"]) == "'=\u{301}cmd,'@\u{64B}x\r\n", "a combining mark does not hide the sign")
    }

    @Test("Line breaks typed in a browser (CRLF), and quotes or commas that carry a combining mark, are quoted: every field reads back whole")
    func fieldsReadBackWhole() throws {
        let fields = ["line one\r\nline two", "x\"\u{301} and ,\u{301} then", "روایت\r\nدوم", "plain", "\r\n", "\"", "a\rb", "c\nd", ""]
        let text = CSVWriter.line(fields) + CSVWriter.line(["next", "row"])
        let records = try CSVReader.records(in: text)
        #expect(records.map(\.fields) == [fields, ["next", "row"]])
    }
}

/// The CVSS v4.0 scoring algorithm (specification §8, "CVSS v4.0 Scoring"): classify the vector
/// into its MacroVector (EQ1…EQ6), look the MacroVector's score up, then interpolate down by
/// the vector's severity distance from the MacroVector's highest-severity vectors, averaged
/// over the EQs that have a lower MacroVector — as FIRST's reference calculator does.
struct CVSSv4Scorer {
    let metrics: [String: String]

    /// The effective value of `metric`: its modified (`M…`) value when set, with the
    /// specification's defaults for unset threat/requirement metrics (E → A, CR/IR/AR → H).
    func m(_ metric: String) -> String {
        let selected = metrics[metric] ?? "X"
        if metric == "E", selected == "X" { return "A" }
        if ["CR", "IR", "AR"].contains(metric), selected == "X" { return "H" }
        if let modified = metrics["M" + metric], modified != "X" { return modified }
        return selected
    }

    /// The six EQ levels, as digits.
    func macroVector() -> [Int] {
        let av = m("AV"), pr = m("PR"), ui = m("UI")
        let eq1: Int
        if av == "N", pr == "N", ui == "N" {
            eq1 = 0
        } else if (av == "N" || pr == "N" || ui == "N"), av != "P" {
            eq1 = 1
        } else {
            eq1 = 2
        }
        let eq2 = (m("AC") == "L" && m("AT") == "N") ? 0 : 1
        let vc = m("VC"), vi = m("VI"), va = m("VA")
        let eq3: Int
        if vc == "H", vi == "H" {
            eq3 = 0
        } else if vc == "H" || vi == "H" || va == "H" {
            eq3 = 1
        } else {
            eq3 = 2
        }
        let eq4: Int
        if m("MSI") == "S" || m("MSA") == "S" {
            eq4 = 0
        } else if m("SC") == "H" || m("SI") == "H" || m("SA") == "H" {
            eq4 = 1
        } else {
            eq4 = 2
        }
        let eq5 = ["A": 0, "P": 1, "U": 2][m("E")] ?? 0
        let eq6 = ((m("CR") == "H" && vc == "H") || (m("IR") == "H" && vi == "H") || (m("AR") == "H" && va == "H")) ? 0 : 1
        return [eq1, eq2, eq3, eq4, eq5, eq6]
    }

    private static func key(_ levels: [Int]) -> String { levels.map(String.init).joined() }

    private static func lookup(_ levels: [Int]) -> Double? { CVSSv4MacroVectorTable.scores[key(levels)] }

    /// The highest-severity vectors of each EQ level (spec Table 24 … 29).
    private static let eq1Maxes: [[String]] = [["AV:N/PR:N/UI:N"], ["AV:A/PR:N/UI:N", "AV:N/PR:L/UI:N", "AV:N/PR:N/UI:P"], ["AV:P/PR:N/UI:N", "AV:A/PR:L/UI:P"]]
    private static let eq2Maxes: [[String]] = [["AC:L/AT:N"], ["AC:H/AT:N", "AC:L/AT:P"]]
    private static let eq3eq6Maxes: [[Int: [String]]] = [
        [0: ["VC:H/VI:H/VA:H/CR:H/IR:H/AR:H"], 1: ["VC:H/VI:H/VA:L/CR:M/IR:M/AR:H", "VC:H/VI:H/VA:H/CR:M/IR:M/AR:M"]],
        [0: ["VC:L/VI:H/VA:H/CR:H/IR:H/AR:H", "VC:H/VI:L/VA:H/CR:H/IR:H/AR:H"],
         1: ["VC:L/VI:H/VA:L/CR:H/IR:M/AR:H", "VC:L/VI:H/VA:H/CR:H/IR:M/AR:M", "VC:H/VI:L/VA:H/CR:M/IR:H/AR:M",
             "VC:H/VI:L/VA:L/CR:M/IR:H/AR:H", "VC:L/VI:L/VA:H/CR:H/IR:H/AR:M"]],
        [1: ["VC:L/VI:L/VA:L/CR:H/IR:H/AR:H"]],
    ]
    private static let eq4Maxes: [[String]] = [["SC:H/SI:S/SA:S"], ["SC:H/SI:H/SA:H"], ["SC:L/SI:L/SA:L"]]
    private static let eq5Maxes: [[String]] = [["E:A"], ["E:P"], ["E:U"]]

    /// Maximal severity depth of each EQ level, in steps of 0.1 (spec §8.2).
    private static let maxSeverityEQ1 = [1, 4, 5]
    private static let maxSeverityEQ2 = [1, 2]
    private static let maxSeverityEQ3EQ6: [[Int: Int]] = [[0: 7, 1: 6], [0: 8, 1: 8], [1: 10]]
    private static let maxSeverityEQ4 = [6, 5, 4]

    private static let levels: [String: [String: Double]] = [
        "AV": ["N": 0.0, "A": 0.1, "L": 0.2, "P": 0.3],
        "PR": ["N": 0.0, "L": 0.1, "H": 0.2],
        "UI": ["N": 0.0, "P": 0.1, "A": 0.2],
        "AC": ["L": 0.0, "H": 0.1],
        "AT": ["N": 0.0, "P": 0.1],
        "VC": ["H": 0.0, "L": 0.1, "N": 0.2],
        "VI": ["H": 0.0, "L": 0.1, "N": 0.2],
        "VA": ["H": 0.0, "L": 0.1, "N": 0.2],
        "SC": ["H": 0.1, "L": 0.2, "N": 0.3],
        "SI": ["S": 0.0, "H": 0.1, "L": 0.2, "N": 0.3],
        "SA": ["S": 0.0, "H": 0.1, "L": 0.2, "N": 0.3],
        "CR": ["H": 0.0, "M": 0.1, "L": 0.2],
        "IR": ["H": 0.0, "M": 0.1, "L": 0.2],
        "AR": ["H": 0.0, "M": 0.1, "L": 0.2],
    ]

    func score() -> Double {
        if ["VC", "VI", "VA", "SC", "SI", "SA"].allSatisfy({ m($0) == "N" }) { return 0 }
        let macro = macroVector()
        guard let value = Self.lookup(macro) else { return 0 }
        let (eq1, eq2, eq3, eq4, eq5, eq6) = (macro[0], macro[1], macro[2], macro[3], macro[4], macro[5])

        func lower(_ index: Int) -> Double? {
            var next = macro
            next[index] += 1
            return Self.lookup(next)
        }
        let scoreEQ1 = lower(0), scoreEQ2 = lower(1), scoreEQ4 = lower(3), scoreEQ5 = lower(4)
        let scoreEQ3EQ6: Double?
        switch (eq3, eq6) {
        case (1, 1), (0, 1): scoreEQ3EQ6 = lower(2)
        case (1, 0): scoreEQ3EQ6 = lower(5)
        case (0, 0):
            switch (lower(5), lower(2)) {
            case let (left?, right?): scoreEQ3EQ6 = max(left, right)
            case let (left?, nil): scoreEQ3EQ6 = left
            case let (nil, right?): scoreEQ3EQ6 = right
            case (nil, nil): scoreEQ3EQ6 = nil
            }
        default:
            var next = macro
            next[2] += 1
            next[5] += 1
            scoreEQ3EQ6 = Self.lookup(next)
        }

        // The first highest-severity vector of this MacroVector that the vector does not exceed.
        var distances: [String: Double] = [:]
        let eq3eq6 = Self.eq3eq6Maxes[eq3][eq6] ?? []
        search: for a in Self.eq1Maxes[eq1] {
            for b in Self.eq2Maxes[eq2] {
                for c in eq3eq6 {
                    for d in Self.eq4Maxes[eq4] {
                        for e in Self.eq5Maxes[eq5] {
                            let maxVector = Self.parse([a, b, c, d, e].joined(separator: "/"))
                            var candidate: [String: Double] = [:]
                            for (metric, table) in Self.levels {
                                candidate[metric] = (table[m(metric)] ?? 0) - (table[maxVector[metric] ?? ""] ?? 0)
                            }
                            distances = candidate
                            if candidate.values.allSatisfy({ $0 >= 0 }) { break search }
                        }
                    }
                }
            }
        }
        func d(_ metric: String) -> Double { distances[metric] ?? 0 }
        let current1 = d("AV") + d("PR") + d("UI")
        let current2 = d("AC") + d("AT")
        let current3 = d("VC") + d("VI") + d("VA") + d("CR") + d("IR") + d("AR")
        let current4 = d("SC") + d("SI") + d("SA")

        let step = 0.1
        var existingLower = 0
        var normalized = 0.0
        func add(_ lowerScore: Double?, _ current: Double, _ maxSeverity: Int?) {
            guard let lowerScore else { return }
            let available = value - lowerScore
            guard available >= 0 else { return }
            existingLower += 1
            if let maxSeverity { normalized += available * (current / (Double(maxSeverity) * step)) }
        }
        add(scoreEQ1, current1, Self.maxSeverityEQ1[eq1])
        add(scoreEQ2, current2, Self.maxSeverityEQ2[eq2])
        add(scoreEQ3EQ6, current3, Self.maxSeverityEQ3EQ6[eq3][eq6])
        add(scoreEQ4, current4, Self.maxSeverityEQ4[eq4])
        add(scoreEQ5, 0, nil)  // EQ5's severity distance is always 0.

        let mean = existingLower == 0 ? 0 : normalized / Double(existingLower)
        return CVSSVector.roundHalfUp(min(10, max(0, value - mean)))
    }

    private static func parse(_ vector: String) -> [String: String] {
        var result: [String: String] = [:]
        for part in vector.split(separator: "/") {
            let pair = part.split(separator: ":", maxSplits: 1)
            if pair.count == 2 { result[String(pair[0])] = String(pair[1]) }
        }
        return result
    }
}

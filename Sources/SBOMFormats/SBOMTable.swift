import Model

/// `NAME  VERSION  TYPE` rows, as Syft's table output.
public enum SBOMTable {
    public static func render(_ sbom: SBOM) -> String {
        let rows = sbom.packages.map { [$0.name, $0.version, $0.type.rawValue] }
        let header = ["NAME", "INSTALLED", "TYPE"]
        let widths = (0..<3).map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in index == 2 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count + 2) }.joined()
        }
        return ([line(header)] + rows.map(line)).joined(separator: "\n") + "\n"
    }
}

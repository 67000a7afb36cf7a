import Cataloging

/// Every cataloger Hawser runs, explicitly listed: adding an ecosystem is one folder and one line here.
public enum Catalogers {
    public static let all: [any Cataloger] = [
        DpkgCataloger(),
        APKCataloger(),
        RPMCataloger(),
        PythonPackageCataloger(),
        NPMPackageCataloger(),
        JavaArchiveCataloger(),
        GoBinaryCataloger(),
        CargoLockCataloger(),
        CargoAuditableBinaryCataloger(),
        InstalledGemspecCataloger(),
        GemfileLockCataloger(),
        ComposerLockCataloger(),
        ComposerInstalledCataloger(),
        DotNetDepsCataloger(),
        DotNetPackagesLockCataloger(),
    ]
}

import Cataloging

/// Every cataloger Hawser runs, explicitly listed: adding an ecosystem is one folder and a line here.
/// As in Syft, images are cataloged by what is installed, directories (source trees) also by
/// their lock and manifest files — in an image those would count installed packages twice.
public enum Catalogers {
    /// Installed packages: package databases, package metadata files and binaries.
    public static let installed: [any Cataloger] = [
        DpkgCataloger(),
        APKCataloger(),
        RPMCataloger(),
        PythonPackageCataloger(),
        JavaArchiveCataloger(),
        GoBinaryCataloger(),
        CargoAuditableBinaryCataloger(),
        SwiftRuntimeCataloger(),
        InstalledGemspecCataloger(),
        DotNetDepsCataloger(),
        BinaryClassifierCataloger(),
    ]

    /// Only in images: Syft reads installed npm `package.json` and Composer's `installed.json` there.
    public static let imageOnly: [any Cataloger] = [
        NPMPackageCataloger(),
        ComposerInstalledCataloger(),
    ]

    /// Only in directories: lock and manifest files.
    public static let declared: [any Cataloger] = [
        CargoLockCataloger(),
        GemfileLockCataloger(),
        ComposerLockCataloger(),
        DotNetPackagesLockCataloger(),
        PythonLockCataloger(),
        JavaScriptLockCataloger(),
        GoModFileCataloger(),
        JavaPomCataloger(),
    ]

    /// Every cataloger, for checks over the whole list.
    public static var all: [any Cataloger] { installed + imageOnly + declared }

    public static func forImages() -> [any Cataloger] { installed + imageOnly }
    public static func forDirectories() -> [any Cataloger] { installed + declared }
}

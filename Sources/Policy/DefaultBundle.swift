/// Anchore Engine's default policy bundle (v1), as a fresh account gets it when it has no bundle yet:
/// one policy and one mapping (`*` registry, `*` repository, tag `*`) that applies it to every image.
///
/// Rules: SSH port 22 exposed -> STOP; no HEALTHCHECK instruction -> WARN; vulnerability data older than
/// 2 days -> WARN; no vulnerability data for the distribution -> WARN; a high vulnerability -> WARN;
/// a critical vulnerability -> STOP. Ids are those of anchore-engine's `conf/anchore_default_bundle.json`.
public enum DefaultBundle {
    /// The bundle id (`id` of `json`).
    public static let id: String = "2c53a13c-1765-11e8-82ef-23527761d060"

    /// The bundle document, as `POST /policies` would accept it.
    public static let json: String = """
    {
      "id": "2c53a13c-1765-11e8-82ef-23527761d060",
      "version": "1_0",
      "name": "Default bundle",
      "comment": "Default bundle",
      "policies": [
        {
          "id": "48e6f7d6-1765-11e8-b5f9-8b6f228548b6",
          "version": "1_0",
          "name": "DefaultPolicy",
          "comment": "System default policy",
          "rules": [
            {
              "id": "ce7b8000-829b-4c27-8122-69cd59018400",
              "gate": "dockerfile",
              "trigger": "exposed_ports",
              "action": "STOP",
              "params": [
                { "name": "ports", "value": "22" },
                { "name": "type", "value": "blacklist" }
              ]
            },
            {
              "id": "312d9e41-1c05-4e2f-ad89-b7d34b0855bb",
              "gate": "dockerfile",
              "trigger": "instruction",
              "action": "WARN",
              "params": [
                { "name": "instruction", "value": "HEALTHCHECK" },
                { "name": "check", "value": "not_exists" }
              ]
            },
            {
              "id": "6b5c14e7-a6f7-48cc-99d2-959273a2c6fa",
              "gate": "vulnerabilities",
              "trigger": "stale_feed_data",
              "action": "WARN",
              "params": [
                { "name": "max_days_since_sync", "value": "2" }
              ]
            },
            {
              "id": "3e79ea94-18c4-4d26-9e29-3b9172a62c2e",
              "gate": "vulnerabilities",
              "trigger": "vulnerability_data_unavailable",
              "action": "WARN",
              "params": []
            },
            {
              "id": "6063fdde-b1c5-46af-973a-915739451ac4",
              "gate": "vulnerabilities",
              "trigger": "package",
              "action": "WARN",
              "params": [
                { "name": "package_type", "value": "all" },
                { "name": "severity_comparison", "value": "=" },
                { "name": "severity", "value": "high" }
              ]
            },
            {
              "id": "b30e8abc-444f-45b1-8a37-55be1b8c8bb5",
              "gate": "vulnerabilities",
              "trigger": "package",
              "action": "STOP",
              "params": [
                { "name": "package_type", "value": "all" },
                { "name": "severity_comparison", "value": "=" },
                { "name": "severity", "value": "critical" }
              ]
            }
          ]
        }
      ],
      "mappings": [
        {
          "id": "c4f9bf74-dc38-4ddf-b5cf-00e9c0074611",
          "name": "default",
          "registry": "*",
          "repository": "*",
          "image": { "type": "tag", "value": "*" },
          "policy_id": "48e6f7d6-1765-11e8-b5f9-8b6f228548b6",
          "whitelist_ids": []
        }
      ],
      "whitelists": [],
      "whitelisted_images": [],
      "blacklisted_images": []
    }
    """
}

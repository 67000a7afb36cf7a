import Foundation

/// The API descriptions served at `/swagger.json` (anchore-cli reads `info.version` to pick its
/// request forms; 0.1.20 is the engine's last) and `/openapi.json` (OpenAPI 3.0 of every route).
///
/// Changelog of Hawser's REST API version (`x-hawser-api-version`): 1 — first version (Anchore v1 subset).
enum APIDocument {
    static let anchoreAPIVersion = "0.1.20"
    static let hawserAPIVersion = 1

    /// (method, path, summary) of every route, as registered.
    static let routes: [(String, String, String)] = [
        ("get", "/", "API version string"), ("get", "/health", "Liveness"), ("get", "/version", "Versions"),
        ("get", "/status", "Service status"), ("get", "/system", "Service states"), ("get", "/system/services", "Services"),
        ("get", "/system/feeds", "Vulnerability feed groups"), ("post", "/system/feeds", "Sync the feeds now (?flush=true: whole dumps) and re-match"),
        ("post", "/system/webhooks/{type}/test", "Send a test notification"), ("get", "/system/error_codes", "Error codes"),
        ("post", "/oauth/token", "Bearer token (password grant)"),
        ("post", "/images", "Add an image (by tag or digest) for analysis"), ("get", "/images", "List images"),
        ("delete", "/images", "Delete images"), ("get", "/images/{digest}", "Get an image"), ("delete", "/images/{digest}", "Delete an image"),
        ("get", "/images/by_id/{imageId}", "Get an image by image id"),
        ("get", "/images/{digest}/content", "Content types"), ("get", "/images/{digest}/content/{ctype}", "Content of a type"),
        ("get", "/images/by_id/{imageId}/content/{ctype}", "Content of a type by image id"),
        ("get", "/images/{digest}/metadata", "Metadata types"), ("get", "/images/{digest}/metadata/{mtype}", "Metadata (base64)"),
        ("get", "/images/{digest}/vuln", "Vulnerability types"), ("get", "/images/{digest}/vuln/{vtype}", "Vulnerabilities"),
        ("get", "/images/{digest}/sboms/{format}", "SBOM export"), ("get", "/images/{digest}/artifacts/{atype}", "Analysis artifacts"),
        ("get", "/registries", "List registries"), ("post", "/registries", "Add registry credentials"),
        ("get", "/registries/{registry}", "Get a registry"), ("put", "/registries/{registry}", "Update a registry"),
        ("delete", "/registries/{registry}", "Delete a registry"),
        ("get", "/subscriptions", "List subscriptions"), ("post", "/subscriptions", "Add a subscription"),
        ("get", "/subscriptions/types", "Subscription types"),
        ("get", "/subscriptions/{subscriptionId}", "Get a subscription"), ("put", "/subscriptions/{subscriptionId}", "Update a subscription"),
        ("delete", "/subscriptions/{subscriptionId}", "Delete a subscription"),
        ("get", "/events", "List events"), ("delete", "/events", "Delete events"), ("get", "/events/{eventId}", "Get an event"),
        ("delete", "/events/{eventId}", "Delete an event"),
        ("get", "/query/images/by_vulnerability", "Images affected by a vulnerability"),
        ("get", "/query/images/by_package", "Images holding a package"),
        ("get", "/summaries/imagetags", "Every tag with its image's state"), ("post", "/repositories", "Watch a repository's tags"),
        ("get", "/accounts", "List accounts"), ("post", "/accounts", "Add an account"), ("get", "/accounts/{accountname}", "Get an account"),
        ("delete", "/accounts/{accountname}", "Delete a disabled account"), ("put", "/accounts/{accountname}/state", "Enable or disable an account"),
        ("get", "/accounts/{accountname}/users", "List users"), ("post", "/accounts/{accountname}/users", "Add a user"),
        ("get", "/accounts/{accountname}/users/{username}", "Get a user"), ("delete", "/accounts/{accountname}/users/{username}", "Delete a user"),
        ("post", "/accounts/{accountname}/users/{username}/credentials", "Set a password"),
        ("get", "/account", "The caller's account"), ("get", "/user", "The caller"),
        ("post", "/imports/images", "Start an SBOM import"), ("get", "/imports/images", "List SBOM imports"),
        ("get", "/imports/images/{operation}", "Get an SBOM import"), ("post", "/imports/images/{operation}/{ctype}", "Upload an import part"),
        ("get", "/policies", "List policy bundles"), ("post", "/policies", "Add a policy bundle"), ("get", "/policies/{policyId}", "Get a bundle"),
        ("put", "/policies/{policyId}", "Update or activate a bundle"), ("delete", "/policies/{policyId}", "Delete an inactive bundle"),
        ("post", "/policies/{policyId}/preview", "Evaluate a bundle against every stored image without activating it"),
        ("get", "/images/{digest}/check", "Evaluate the active bundle against an image"), ("get", "/system/policy_spec", "Every gate, trigger and parameter"),
        ("post", "/user/api-keys", "Create an API key"), ("get", "/user/api-keys", "List the caller's API keys"),
        ("delete", "/user/api-keys/{name}", "Revoke an API key"),
    ]

    static func openAPI(version: String) -> [String: Any] {
        var paths: [String: [String: Any]] = [:]
        for (method, path, summary) in routes {
            let parameters: [[String: Any]] = path.split(separator: "/").filter { $0.hasPrefix("{") }.map { segment in
                ["name": String(segment.dropFirst().dropLast()), "in": "path", "required": true, "schema": ["type": "string"]]
            }
            var operation: [String: Any] = [
                "summary": summary,
                "operationId": method + path.replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "{", with: "").replacingOccurrences(of: "}", with: ""),
                "responses": [
                    "200": ["description": "success", "content": ["application/json": ["schema": ["type": "object"]]]],
                    "default": ["description": "error", "content": ["application/json": ["schema": ["$ref": "#/components/schemas/ApiErrorResponse"]]]],
                ],
            ]
            if !parameters.isEmpty { operation["parameters"] = parameters }
            if path != "/" && path != "/health" && path != "/version" && path != "/oauth/token" { operation["security"] = [["basicAuth": []], ["bearerAuth": []]] }
            paths[path, default: [:]][method] = operation
        }
        return [
            "openapi": "3.0.3",
            "info": ["title": "Hawser API (Anchore Engine v1 compatible)", "version": anchoreAPIVersion, "x-hawser-version": version,
                     "x-hawser-api-version": hawserAPIVersion],
            "servers": [["url": "/v1"]],
            "paths": paths,
            "components": [
                "securitySchemes": ["basicAuth": ["type": "http", "scheme": "basic"], "bearerAuth": ["type": "http", "scheme": "bearer"]],
                "schemas": ["ApiErrorResponse": ["type": "object", "required": ["message", "httpcode"], "properties": [
                    "message": ["type": "string"], "httpcode": ["type": "integer"], "detail": ["type": "object"],
                ]]],
            ],
        ]
    }

    /// The Swagger 2.0 form anchore-cli fetches; it reads only `info.version`.
    static func swagger(version: String) -> [String: Any] {
        ["swagger": "2.0", "basePath": "/v1", "info": ["title": "Hawser API (Anchore Engine v1 compatible)", "version": anchoreAPIVersion],
         "paths": [String: Any]()]
    }
}

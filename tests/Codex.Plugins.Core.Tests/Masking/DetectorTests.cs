using Codex.Plugins.Masking;
using Codex.Plugins.Masking.Detection;

namespace Codex.Plugins.Tests.Masking;

/// <summary>Per detector: a true positive it must find (with its kind), and near-misses it must leave alone.</summary>
public sealed class DetectorTests
{
    private static readonly SecretScanner All = new(SecretScanOptions.SecretsAndPersonalData);

    private static IReadOnlyList<SecretMatch> Scan(string text) => All.Scan(text);

    [Theory]
    [InlineData("aws-access-key-id", "key id AKIAZ7VQ3XR4MBPWLH2D in the log", "AKIAZ7VQ3XR4MBPWLH2D")]
    [InlineData("aws-secret-access-key", "aws_secret_access_key = \"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\"", "Zq8vT3kL9mW2xR7pN4bY6cF1hJ5sD0gA8eK3uV7i")]
    [InlineData("gcp-api-key", "key=AIzaSyD3fH8kL2mN5pQ7rS9tV1wX4yZ6aB8cD0e", "AIzaSyD3fH8kL2mN5pQ7rS9tV1wX4yZ6aB8cD0e")]
    [InlineData("azure-ad-client-secret", "secret: abc8Q~Xy7zW3vU5tS1rQ9pO2nM4lK6jH8gF0eD_c", "abc8Q~Xy7zW3vU5tS1rQ9pO2nM4lK6jH8gF0eD_c")]
    [InlineData("azure-storage-key", "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=q8Zr3vT7kL9mW2xR7pN4bY6cF1hJ5sD0gA8eK3uV7iq8Zr3vT7kL9mW2xR7pN4bY6cF1hJ5sD0gA8eK3uV7iAb==;EndpointSuffix=core.windows.net", "q8Zr3vT7kL9mW2xR7pN4bY6cF1hJ5sD0gA8eK3uV7iq8Zr3vT7kL9mW2xR7pN4bY6cF1hJ5sD0gA8eK3uV7iAb==")]
    [InlineData("azure-sas-token", "https://acct.blob.core.windows.net/c/f?sv=2022-11-02&sig=Xk3vT7kL9mW2xR7pN4bY6cF1hJ5sD0gA8eK3uV7iq8Z%3D", "Xk3vT7kL9mW2xR7pN4bY6cF1hJ5sD0gA8eK3uV7iq8Z%3D")]
    [InlineData("azure-storage-key", "$ctx = New-AzStorageContext -ConnectionString \"AccountName=acct;AccountKey='dhLDl1yEireZbhiJxbD/ZOvDaeea21+j/Rdmqt0I1xXUa+gxdGHPDpIBgHc+iQdKns7sV4CEOG5xSH5KyLnyiS=='\"", "dhLDl1yEireZbhiJxbD/ZOvDaeea21+j/Rdmqt0I1xXUa+gxdGHPDpIBgHc+iQdKns7sV4CEOG5xSH5KyLnyiS==")]
    [InlineData("databricks-token", "DATABRICKS_TOKEN=dapi8f3a2b1c9d7e6f5a4b3c2d1e0f9a8b7c", "dapi8f3a2b1c9d7e6f5a4b3c2d1e0f9a8b7c")]
    [InlineData("github-pat", "remote: ghp_Z8x7W6v5U4t3S2r1Q0pOnMlKjIhGfEdCbA9z", "ghp_Z8x7W6v5U4t3S2r1Q0pOnMlKjIhGfEdCbA9z")]
    [InlineData("github-fine-grained-pat", "GH_TOKEN=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", "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")]
    [InlineData("gitlab-token", "glpat-Xy7zW3vU5tS1rQ9pO2nM", "glpat-Xy7zW3vU5tS1rQ9pO2nM")]
    [InlineData("npm-token", "//registry.npmjs.org/:_authToken=npm_Z8x7W6v5U4t3S2r1Q0pOnMlKjIhGfEdCbA9z", "npm_Z8x7W6v5U4t3S2r1Q0pOnMlKjIhGfEdCbA9z")]
    [InlineData("pypi-token", "password = pypi-AgEIcHlwaS5vcmcCJGQ4ZDFhZTJmLTk3YjUtNGE3Zi1hMmIxLTZkMTU1ZjM1ZjY4NQACKlszLCJhMjE2", "pypi-AgEIcHlwaS5vcmcCJGQ4ZDFhZTJmLTk3YjUtNGE3Zi1hMmIxLTZkMTU1ZjM1ZjY4NQACKlszLCJhMjE2")]
    [InlineData("pypi-token", "[testpypi]\nusername = __token__\npassword = pypi-AgENdGVzdC5weXBpLm9yZwdnU5QIh805Bw3lDUEs5l8JTGpXkFjIZQuA_bTl0aqslV_juLrdGNHxx-WEFJCPkzXbRSjOwKNpb-o3l7jVratpA4Ed", "pypi-AgENdGVzdC5weXBpLm9yZwdnU5QIh805Bw3lDUEs5l8JTGpXkFjIZQuA_bTl0aqslV_juLrdGNHxx-WEFJCPkzXbRSjOwKNpb-o3l7jVratpA4Ed")]
    [InlineData("nuget-config-password", "<add key=\"ClearTextPassword\" value=\"Nu9et-Pa55w0rd!\" />", "Nu9et-Pa55w0rd!")]
    [InlineData("openai-api-key", "OPENAI_API_KEY=sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXyZ4T3BlbkFJAb3dEf6hIj9kLm2nOp5qRs8t", "sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXyZ4T3BlbkFJAb3dEf6hIj9kLm2nOp5qRs8t")]
    [InlineData("anthropic-api-key", "x-api-key: sk-ant-api03-z0zjHHXo5uibD2havvfqiZYJe9ENlwI1trcQC4pyRC2N2w6nbpUitUU_iR4kkSszVyUpINaxvCtun3_Mub0O3w-48GXRgAA", "sk-ant-api03-z0zjHHXo5uibD2havvfqiZYJe9ENlwI1trcQC4pyRC2N2w6nbpUitUU_iR4kkSszVyUpINaxvCtun3_Mub0O3w-48GXRgAA")]
    [InlineData("huggingface-token", "HF_TOKEN=hf_AbCdEfGhIjKlMnOpQrStUvWxYzAbCdEfGh", "hf_AbCdEfGhIjKlMnOpQrStUvWxYzAbCdEfGh")]
    [InlineData("github-app-token", "GITHUB_TOKEN=ghs_Zqumpm08h_sE8JNpjJOQGa2rb19FlY0mG1ylvuhfJXqIEnomef2mSJ5CMTIeg1ZTVnVv2fgKD0f6YYIgrCOX6Jhw7Hd11XzWL8MHpoKEzViXZya8cdFOcVwW", "ghs_Zqumpm08h_sE8JNpjJOQGa2rb19FlY0mG1ylvuhfJXqIEnomef2mSJ5CMTIeg1ZTVnVv2fgKD0f6YYIgrCOX6Jhw7Hd11XzWL8MHpoKEzViXZya8cdFOcVwW")]
    [InlineData("sourcegraph-token", "SRC_ACCESS_TOKEN=sgp_01972d67241c0128_507fcBaC570D110ddf2fa0344d8dDC5Bcb0f15B0", "sgp_01972d67241c0128_507fcBaC570D110ddf2fa0344d8dDC5Bcb0f15B0")]
    [InlineData("flyio-token", "FLY_API_TOKEN=\"fo1_GHPDpIBgHc_iQdKns7sV4CEOG5xSH5KyLnyiSdnU5QI\"", "fo1_GHPDpIBgHc_iQdKns7sV4CEOG5xSH5KyLnyiSdnU5QI")]
    [InlineData("castai-api-key", "CASTAI_API_TOKEN=castai_v1_1fde65d27b74e2f8b83c2728ca56f0b2d0442bf2594089855fc7787a26c0ab2a_59930f3d", "castai_v1_1fde65d27b74e2f8b83c2728ca56f0b2d0442bf2594089855fc7787a26c0ab2a_59930f3d")]
    [InlineData("clickhouse-cloud-secret", "key_secret: 4b1d3fTDexPUP49YiGTaj9PYGh6nCp2bQEGvXOTcRa", "4b1d3fTDexPUP49YiGTaj9PYGh6nCp2bQEGvXOTcRa")]
    [InlineData("sonarqube-token", "scanner token squ_9a389319f90514ae39dce44427e2c61de07d8d1d", "squ_9a389319f90514ae39dce44427e2c61de07d8d1d")]
    [InlineData("sonarqube-token-assignment", "SONAR_LOGIN := \"j8boygykrro1blrio6mpy026sk4t31oyysh9ocqf\"", "j8boygykrro1blrio6mpy026sk4t31oyysh9ocqf")]
    [InlineData("artifactory-api-key", "X-JFrog-Art-Api: AKCpdwZCmpZQKFS06n1QXSOE33cn74YqtRrsYqKreaRpMBADNggJCSQuyg1m4aidndNxSn7w8", "AKCpdwZCmpZQKFS06n1QXSOE33cn74YqtRrsYqKreaRpMBADNggJCSQuyg1m4aidndNxSn7w8")]
    [InlineData("maxmind-license-key", "license_key = 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", "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")]
    [InlineData("cloudflare-origin-ca-key", "CF_ORIGIN_CA_KEY=v1.0-00689e46b64c523a6059ded7-c3d0b4b13bdba5bdc1c2fa4f4ea3fede5c3648c76f8a71c5e50143475ef59cc1629c4f73361e234efef00a902be7867f387ddfbe597cf1a448cefa941a2099570a751b46182823e0d7", "v1.0-00689e46b64c523a6059ded7-c3d0b4b13bdba5bdc1c2fa4f4ea3fede5c3648c76f8a71c5e50143475ef59cc1629c4f73361e234efef00a902be7867f387ddfbe597cf1a448cefa941a2099570a751b46182823e0d7")]
    [InlineData("cloudflare-api-key-assignment", "cloudflare_api_key: \"8b86429a385ada692dcdfadf266c12c0150d7\"", "8b86429a385ada692dcdfadf266c12c0150d7")]
    [InlineData("age-secret-key", "# age key\nAGE-SECRET-KEY-1HN9U2V06Z3SSAJNSA5UZ8UTKSQZKEKJXPU8TDD8ZC0GC4DP8ZM47AXN9SA", "AGE-SECRET-KEY-1HN9U2V06Z3SSAJNSA5UZ8UTKSQZKEKJXPU8TDD8ZC0GC4DP8ZM47AXN9SA")]
    [InlineData("facebook-access-token", "FB_PAGE_TOKEN=EAAMHXMjMtqp9frHhODm2Cp8cGPrFMvjFTomJ7HztqmHikMGeQqgzWa0CcTLcYKmVncdjU9mtKYcGdvDg5WVfjGM57ktwKWwu1OWsdMQVRwY4gRrPNBLstD9MigF", "EAAMHXMjMtqp9frHhODm2Cp8cGPrFMvjFTomJ7HztqmHikMGeQqgzWa0CcTLcYKmVncdjU9mtKYcGdvDg5WVfjGM57ktwKWwu1OWsdMQVRwY4gRrPNBLstD9MigF")]
    [InlineData("facebook-app-token", "facebook app token 110466783499096|KReD7davF4LYMLDp90-F85kv2-N", "KReD7davF4LYMLDp90-F85kv2-N")]
    [InlineData("claude-code-session-link", "see https://claude.ai/code/session_01x5QDfplsuN6nVemFkwJASs for the run", "session_01x5QDfplsuN6nVemFkwJASs")]
    [InlineData("sumologic-access-id", "sumologic_access_id = \"suDV1pavGbongv\"", "suDV1pavGbongv")]
    [InlineData("sidekiq-credential", "export BUNDLE_GEMS__CONTRIBSYS__COM=789abf51:1f7d21a2", "789abf51:1f7d21a2")]
    [InlineData("heroku-legacy-api-key", "heroku_api_key = \"f4b9d5d2-deca-abec-c44b-708dc418df3a\"", "f4b9d5d2-deca-abec-c44b-708dc418df3a")]
    [InlineData("okta-api-token", "okta api token = 00k-wlLhYA1weu6FT-9gC2OD_Yz8_-0LlvGD-t_yhB", "00k-wlLhYA1weu6FT-9gC2OD_Yz8_-0LlvGD-t_yhB")]
    [InlineData("onepassword-secret-key", "Secret Key: A3-0SD7IK-RVCJAOICYUJ-CRNDX-LO6PS-M8GVL", "A3-0SD7IK-RVCJAOICYUJ-CRNDX-LO6PS-M8GVL")]
    [InlineData("sendgrid-api-key", "SENDGRID_API_KEY=SG.Cvc7rhlOxN1Zxbum9dLJG.znPVRczy7O5SiKKGMofkOph2LQoLG7UYxOTbxBfJ8y6", "SG.Cvc7rhlOxN1Zxbum9dLJG.znPVRczy7O5SiKKGMofkOph2LQoLG7UYxOTbxBfJ8y6")]
    [InlineData("square-token", "SQUARE_ACCESS_TOKEN=EAAAgTq9PJ4BwSqOVj4CHqORSqrWGTji4k=C1J880dL4F0CerCf7WHsPx3yZxkOF", "EAAAgTq9PJ4BwSqOVj4CHqORSqrWGTji4k=C1J880dL4F0CerCf7WHsPx3yZxkOF")]
    [InlineData("anthropic-api-key", "CLAUDE_CODE_OAUTH_TOKEN=\"sk-ant-oat01-tnssQNMkdkOsDbzZ3qAAEW8_HZqJLGgmnvmdCUpbWYiuk-xaP_PWtlhGFQktNjYKqqWp9f7wPtewsgYqvBJQTdJV1tX5heQAA\"", "sk-ant-oat01-tnssQNMkdkOsDbzZ3qAAEW8_HZqJLGgmnvmdCUpbWYiuk-xaP_PWtlhGFQktNjYKqqWp9f7wPtewsgYqvBJQTdJV1tX5heQAA")]
    [InlineData("anthropic-api-key", "\"refreshToken\": \"sk-ant-ort01-lcOhpRsIXH6qEzVFSU7zT6kSyOdEpbNf2MnLib3AGxpwu5lg\"", "sk-ant-ort01-lcOhpRsIXH6qEzVFSU7zT6kSyOdEpbNf2MnLib3AGxpwu5lg")]
    [InlineData("aws-bedrock-api-key", "AWS_BEARER_TOKEN_BEDROCK=ABSKQmVkcm9ja0FQSUtleS0xNkg0dmNXUndyLWF0LTJxdXZTcXVldHk2VzNkMGRlajV1UGdlUENVZzFBZVd5S1BBSXZTODU", "ABSKQmVkcm9ja0FQSUtleS0xNkg0dmNXUndyLWF0LTJxdXZTcXVldHk2VzNkMGRlajV1UGdlUENVZzFBZVd5S1BBSXZTODU")]
    [InlineData("twilio-auth-token", "twilio_auth_token = \"e9f333b92bb5491daf3f7c1e200673a7\"", "e9f333b92bb5491daf3f7c1e200673a7")]
    [InlineData("cohere-api-key", "cohere api key = uCbMDIH0BXrP3Ix8WSq8pBSnq5cYEB48vUAwgAcy", "uCbMDIH0BXrP3Ix8WSq8pBSnq5cYEB48vUAwgAcy")]
    [InlineData("mongodb-atlas-service-account-secret", "MDB_CLIENT_SECRET=mdb_sa_sk_f6gocckP4PYyuJVqflfBMaK6JVoi6UuMLhhonba7", "mdb_sa_sk_f6gocckP4PYyuJVqflfBMaK6JVoi6UuMLhhonba7")]
    [InlineData("authorization-header", "headers['Authorization'] = 'Basic ZGVwbG95OkZjcDJUNW5VRWM5S21R'", "ZGVwbG95OkZjcDJUNW5VRWM5S21R")]
    [InlineData("azure-identifier", "AZURE_TENANT_ID=\"3f8c2a1e-94b7-4d0c-b5e6-71a9c3d82f40\"", "3f8c2a1e-94b7-4d0c-b5e6-71a9c3d82f40")]
    [InlineData("slack-token", "SLACK_BOT_TOKEN=xoxb-1234567890123-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx", "xoxb-1234567890123-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx")]
    [InlineData("slack-webhook", "POST https://hooks.slack.com/services/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", "T0A1B2C3D/B4E5F6G7H/Xy7zW3vU5tS1rQ9pO2nM4lK6")]
    [InlineData("discord-webhook", "https://discord.com/api/webhooks/123456789012345678/Xy7zW3vU5tS1rQ9pO2nM4lK6jH8gF0eD_cXy7zW3vU5tS1rQ9pO2nM4lK6jH8gF0eD_c12", "Xy7zW3vU5tS1rQ9pO2nM4lK6jH8gF0eD_cXy7zW3vU5tS1rQ9pO2nM4lK6jH8gF0eD_c12")]
    [InlineData("stripe-secret-key", "Stripe.apiKey = \"sk_live_51Hx7zW3vU5tS1rQ9pO2nM4lK\";", "sk_live_51Hx7zW3vU5tS1rQ9pO2nM4lK")]
    [InlineData("sendgrid-api-key", "SG.APhb3zgjtx3hajdas1TjBB.H7Sgbba3afgKSDyB442aDK0kpGO3SD332313-L5528K", "SG.APhb3zgjtx3hajdas1TjBB.H7Sgbba3afgKSDyB442aDK0kpGO3SD332313-L5528K")]
    [InlineData("twilio-api-key", "TWILIO_KEY=SK8f3a2b1c9d7e6f5a4b3c2d1e0f9a8b7c", "SK8f3a2b1c9d7e6f5a4b3c2d1e0f9a8b7c")]
    [InlineData("mailgun-api-key", "api: key-8f3a2b1c9d7e6f5a4b3c2d1e0f9a8b7c", "key-8f3a2b1c9d7e6f5a4b3c2d1e0f9a8b7c")]
    [InlineData("jwt", "Cookie-less: eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c")]
    [InlineData("url-password", "DATABASE_URL=postgres://app:Sup3rS3cret!@db.internal:5432/app", "Sup3rS3cret!")]
    [InlineData("url-query-secret", "GET https://api.example.io/v1/items?limit=5&access_token=Xy7zW3vU5tS1rQ9pO2nM", "Xy7zW3vU5tS1rQ9pO2nM")]
    [InlineData("connection-string-password", "Server=sql01;Database=app;User Id=svc;Password=Xy7!zW3vU5t;", "Xy7!zW3vU5t")]
    [InlineData("authorization-header", "-H 'Authorization: Bearer Xy7zW3vU5tS1rQ9pO2nM4lK6'", "Xy7zW3vU5tS1rQ9pO2nM4lK6")]
    [InlineData("authorization-header", "Proxy-Authorization: Basic dXNlcjpTdXAzclMzY3JldA==", "dXNlcjpTdXAzclMzY3JldA==")]
    [InlineData("curl-user-password", "curl -u deploy:Xy7zW3vU5t https://example.io", "Xy7zW3vU5t")]
    [InlineData("cookie", "Cookie: session=Xy7zW3vU5tS1rQ9pO2nM; theme=dark", "Xy7zW3vU5tS1rQ9pO2nM")]
    [InlineData("password-assignment", "db_password: hunter2-Xy7", "hunter2-Xy7")]
    [InlineData("generic-secret-assignment", "client_secret = \"q8Zr3vT7kL9mW2xR7pN4\"", "q8Zr3vT7kL9mW2xR7pN4")]
    [InlineData("cli-password-flag", "mysql --password=Xy7zW3vU5t --host db", "Xy7zW3vU5t")]
    [InlineData("email", "Reported by jane.doe@contoso.org yesterday", "jane.doe@contoso.org")]
    [InlineData("ipv4-public", "client 81.2.69.142 connected", "81.2.69.142")]
    [InlineData("ipv6-public", "from 2a00:1450:4001:82b::200e port 443", "2a00:1450:4001:82b::200e")]
    [InlineData("credit-card", "card 4111 1111 1111 1111 exp 12/29", "4111 1111 1111 1111")]
    [InlineData("iban", "IBAN DE89 3704 0044 0532 0130 00 please", "DE89 3704 0044 0532 0130 00")]
    [InlineData("us-ssn", "SSN: 536-22-8451", "536-22-8451")]
    [InlineData("phone-number", "Call me on +44 20 7946 0958 after 5", "+44 20 7946 0958")]
    [InlineData("phone-number", "phone: (415) 555-2671", "(415) 555-2671")]
    // Shapes that held-out scanner suites showed missing (generated values; each failed before its fix).
    [InlineData("slack-token", "SLACK_TOKEN=xoxb-4817-9Qk2Lm7vTz3Rp8Wd5Yh1Nc6B", "xoxb-4817-9Qk2Lm7vTz3Rp8Wd5Yh1Nc6B")]
    [InlineData("slack-token", "xoxc-4817263950-5928374615-6039485726-8f3a9c2e7b1d4f6a0c5e8b2d7f1a3c9e6b4d0f2a8c5e1b7d3f9a6c2e0b8d4f1a", "xoxc-4817263950-5928374615-6039485726-8f3a9c2e7b1d4f6a0c5e8b2d7f1a3c9e6b4d0f2a8c5e1b7d3f9a6c2e0b8d4f1a")]
    [InlineData("slack-token", "Cookie: d=xoxd-Zq8vT3kL9mW2xR7pN4bY6cF1hJ5sD0gA8eK3uV7iQm2Wn5Xr8Tz1Lp4Hs7Jd0Gk3Bf6Vc9Ny2%2F", "xoxd-Zq8vT3kL9mW2xR7pN4bY6cF1hJ5sD0gA8eK3uV7iQm2Wn5Xr8Tz1Lp4Hs7Jd0Gk3Bf6Vc9Ny2%2F")]
    [InlineData("slack-app-token", "SLACK_APP_TOKEN=xapp-491736258014-Qm7vTz3Rp8Wd5Yh1Nc6B/kL2x", "xapp-491736258014-Qm7vTz3Rp8Wd5Yh1Nc6B/kL2x")]
    [InlineData("azure-storage-key", "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=Qm7vTz3Rp8Wd5Yh1Nc6BkL2xFg9Js4Ua0Ee3Ok8Ty5Iw=", "Qm7vTz3Rp8Wd5Yh1Nc6BkL2xFg9Js4Ua0Ee3Ok8Ty5Iw=")]
    [InlineData("google-oauth-access-token", "refreshed ya29.a0AfH6SMBx7Qm2vTz3Rp8Wd5Yh1Nc6BkL2xFg9Js4Ua0Ee3Ok for the job", "ya29.a0AfH6SMBx7Qm2vTz3Rp8Wd5Yh1Nc6BkL2xFg9Js4Ua0Ee3Ok")]
    [InlineData("google-oauth-refresh-token", "stored 1//0gZq8vT3kL9mW2xR7pN4bY6cF1hJ5sD0gA8eK3uV7iQm2Wn5Xr8Tz in cache", "1//0gZq8vT3kL9mW2xR7pN4bY6cF1hJ5sD0gA8eK3uV7iQm2Wn5Xr8Tz")]
    [InlineData("npmrc-auth-token", "\"_auth\": \"ZGVwbG95OlF6N3ZUM2tMOW1XMg==\"", "ZGVwbG95OlF6N3ZUM2tMOW1XMg==")]
    [InlineData("app-setting-secret", "<add key=\"SmtpPassword\" value=\"Qm7vTz3Rp8Wd\" />", "Qm7vTz3Rp8Wd")]
    [InlineData("credential-call", "client.Credentials = new NetworkCredential(\"svc-build\", \"Qm7vTz3Rp8Wd\");", "Qm7vTz3Rp8Wd")]
    [InlineData("credential-call", "$secure = ConvertTo-SecureString 'Qm7vTz3Rp8Wd!' -AsPlainText -Force", "Qm7vTz3Rp8Wd!")]
    [InlineData("password-assignment", "var adminPassword = \"Qm7vTz3Rp8Wd\";", "Qm7vTz3Rp8Wd")]
    [InlineData("password-assignment", "The default password is 'Qm7vTz3Rp8'.", "Qm7vTz3Rp8")]
    [InlineData("generic-secret-assignment", "ado_pat = \"q7vtz3rp8wd5yh1nc6bkl2xfg9js4ua0ee3ok8ty5iwm2hr6dsa4\"", "q7vtz3rp8wd5yh1nc6bkl2xfg9js4ua0ee3ok8ty5iwm2hr6dsa4")]
    public void Finds_the_secret_and_only_the_secret(string detector, string text, string secret)
    {
        var matches = Scan(text);
        Assert.Contains(matches, m => m.Detector.Id == detector && m.Value == secret);
    }

    [Fact]
    public void A_private_key_block_is_masked_whole()
    {
        string pem = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\nQyNTUxOQAAACAxSChbEXO6DKOLpzlLEaypbXSwfRqlS8UnaSHWR8HaIgAAAKDFNoOuxTaD\n-----END OPENSSH PRIVATE KEY-----";
        var match = Assert.Single(Scan("key:\n" + pem + "\nend"));
        Assert.Equal("private-key", match.Detector.Id);
        Assert.Equal(pem, match.Value);
        Assert.Equal("key:\n*****\nend", SecretText.Mask("key:\n" + pem + "\nend"));
    }

    [Fact]
    public void A_kubernetes_secret_masks_each_data_value()
    {
        string yaml = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ndata:\n  username: YWRtaW4=\n  password: MWYyZDFlMmU2N2Rm\n";
        var values = Scan(yaml).Where(m => m.Detector.Id == "kubernetes-secret").Select(m => m.Value).ToArray();
        Assert.Equal(new[] { "YWRtaW4=", "MWYyZDFlMmU2N2Rm" }, values);
    }

    [Theory]
    // Placeholders the issue names, each a near-miss of a real detector.
    [InlineData("AKIAIOSFODNN7EXAMPLE")]
    [InlineData("aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")]
    [InlineData("token = \"XXXXXXXXXXXXXXXXXXXXXXXX\"")]
    [InlineData("ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")]
    [InlineData("api_key = \"aaaaaaaaaaaaaaaaaaaa\"")]
    [InlineData("api_key = \"abcdefghijklmnopqrst\"")]
    [InlineData("secret = \"1234567890123456\"")]
    [InlineData("password = ${DB_PASSWORD}")]
    [InlineData("password: $(cat /run/secrets/db)")]
    [InlineData("token: {{ .Values.token }}")]
    [InlineData("api_key = \"<your-key>\"")]
    [InlineData("OPENAI_API_KEY=sk-...")]
    [InlineData("export API_KEY=YOUR_API_KEY")]
    [InlineData("client_secret = \"123e4567-e89b-12d3-a456-426614174000\"")]
    [InlineData("commit_token = 4b825dc642cb6eb9a060e54bf8d69288fbee4904")]
    [InlineData("secret_image = \"data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==\"")]
    [InlineData("password = process.env.DB_PASSWORD")]
    [InlineData("Authorization: Bearer of good news")]
    [InlineData("https://user:password@example.com")]
    [InlineData("https://${USER}:${PASS}@example.com")]
    [InlineData("postgres://postgres:postgres@localhost/db")]
    [InlineData("-----BEGIN PRIVATE KEY-----\nxxx\n-----END PRIVATE KEY-----")]
    [InlineData("-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----")]
    [InlineData("sk-ant-api02-notarealkey")]
    [InlineData("pk_live_AAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("mydapi1234567890abcdef1234567890abcdef")]
    [InlineData("version 10.0.0.1 on 192.168.1.20 and 127.0.0.1")]
    [InlineData("docs at 203.0.113.7 and 2001:db8::1")]
    [InlineData("card 4111 1111 1111 1112")]
    [InlineData("IBAN DE89 3704 0044 0532 0130 01")]
    [InlineData("SSN 123-45-6789 or 000-12-3456 or 666-12-3456")]
    [InlineData("build 2026-12-07 12:30:45 took 1234567 ms")]
    [InlineData("mail git@github.com:org/repo.git or you@example.com")]
    [InlineData("icon@2x.png and logo@3x.svg")]
    [InlineData("author = \"Jane Doe\"")]
    [InlineData("the password field is required")]
    [InlineData("token_count: 12345, max_tokens: 4096")]
    [InlineData("passed: 12, failed: 0")]
    [InlineData("compass: north-west-bearing")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.not-base64-json-at-all.xx")]
    [InlineData("api_key = \"sk-... (put yours here)\"")]
    [InlineData("tskey-foo is not a key")]
    [InlineData("0x0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("key: secret # codex-secret:allow ghp_Z8x7W6v5U4t3S2r1Q0pOnMlKjIhGfEdCbA9z")]
    // Code that names a secret held elsewhere: a variable, a member, a call, an index, a label, a route, a selector.
    [InlineData("\"password\": \"$db$pass\",")]
    [InlineData("pwd = (char *) (p + ulen + 2);")]
    [InlineData("usernameLabel:\"Username\",passwordLabel:\"Password:\"")]
    [InlineData("get '/users/:id/password' => \"users/passwords#edit\"")]
    [InlineData("this.apiKey = config.secrets.apiKey;")]
    [InlineData("apiKey: fs.readFileSync('key.pem',")]
    [InlineData("my_password = request.json_body['pw']")]
    [InlineData("login(username=username, password=password)")]
    [InlineData("$pwd = \\$_POST[\\\"password\\\"];")]
    [InlineData("this.resetPassword = '#reset-password';")]
    [InlineData("changePasswordPolicy = \"arn:aws:iam::aws:policy/IAMUserChangePassword\"")]
    // A public client id (a host name), an alphabet typed out, a value that says it is fake.
    [InlineData("OAUTH_CLIENT_ID=381927465012-q8z3v7tk9lm2wr7pn4by6cf1hj5sd0ga.apps.googleusercontent.com")]
    [InlineData("api_key = \"abcdefghij0123456789ABCDEFGHIJ\"")]
    [InlineData("db_password = \"my-fake-pass-77\"")]
    [InlineData("AZURE_TENANT_ID=\"72f988bf-86f1-41af-91ab-2d7cd011db47\"")]
    [InlineData("AZURE_CLIENT_ID=\"00001111-aaaa-2222-bbbb-3333cccc4444\"")]
    [InlineData("OPENAI_API_KEY=sk-None-abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ")]
    [InlineData("https://discord.com/api/webhooks/123456789012345678/abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcd")]
    [InlineData("db_password = \"YOURDBPASSWORD\"")]
    [InlineData("mongodb+srv://app:passw0rd@cluster0.example.mongodb.net/")]
    [InlineData("aws_access_key_id = AKIAABCDEFGHIJKLMNOP")]
    [InlineData("LLM_SECRET_NAME = \"NEXUS-GPT4-API-KEY\"")]
    [InlineData("token_url = \"https://login.example.net/oauth2/v2.0/token\"")]
    [InlineData("secret_length = X25519.secret_length")]
    [InlineData("publicToken = \"pk9Rt2Wq7Zx4Lm8Nb3Vc6Hs1Jd5Kf0Gp\"")]
    [InlineData("heroku_api_key = \"12345678-ABCD-ABCD-ABCD-1234567890AB\"")]
    public void Near_misses_are_left_alone(string text)
    {
        var matches = Scan(text);
        Assert.True(matches.Count == 0, $"'{text}' matched {string.Join(", ", matches.Select(m => $"{m.Detector.Id}='{m.Value}'"))}");
        Assert.Equal(text, SecretText.Mask(text));
    }

    [Fact]
    public void There_are_at_least_45_detectors_each_a_declarative_record_with_a_unique_id()
    {
        Assert.True(DetectorCatalog.All.Count >= 45, $"{DetectorCatalog.All.Count} detectors");
        Assert.Equal(DetectorCatalog.All.Count, DetectorCatalog.All.Select(d => d.Id).Distinct().Count());
        Assert.All(DetectorCatalog.All, d => Assert.Matches("^[A-Z][A-Z0-9_]+$", d.Kind));
        Assert.Contains(DetectorCatalog.All, d => d.Category == DetectorCategory.PersonalData);
    }

    [Fact]
    public void Allow_patterns_let_a_known_value_through()
    {
        var options = new SecretScanOptions { AllowPatterns = new[] { new System.Text.RegularExpressions.Regex("^ghp_Z8x7") } };
        Assert.Empty(new SecretScanner(options).Scan("ghp_Z8x7W6v5U4t3S2r1Q0pOnMlKjIhGfEdCbA9z"));
        Assert.Single(new SecretScanner().Scan("ghp_Z8x7W6v5U4t3S2r1Q0pOnMlKjIhGfEdCbA9z"));
    }

    [Fact]
    public void Rules_and_excluded_rules_choose_detectors_by_id_or_kind()
    {
        string text = "ghp_Z8x7W6v5U4t3S2r1Q0pOnMlKjIhGfEdCbA9z and jane.doe@contoso.org";
        Assert.Equal("EMAIL", Assert.Single(new SecretScanner(new SecretScanOptions { Rules = new[] { "EMAIL" } }).Scan(text)).Detector.Kind);
        Assert.Equal("github-pat", Assert.Single(new SecretScanner(new SecretScanOptions { Categories = new[] { DetectorCategory.Secret, DetectorCategory.PersonalData }, ExcludeRules = new[] { "email" } }).Scan(text)).Detector.Id);
    }

    [Theory]
    [InlineData("aaaaaaaaaaaa", true)]
    [InlineData("a-a-a-a", true)]
    [InlineData("--", true)]
    [InlineData("!!", true)]
    [InlineData("!?", true)]
    [InlineData("xyxyxyxyxyxy", true)]
    [InlineData("abcdefghij", true)]
    [InlineData("9876543210", true)]
    [InlineData("1234567890", true)]
    [InlineData("ab1", false)]
    [InlineData("Xy7zW3vU5tS1rQ9pO2nM", false)]
    [InlineData("pässwört-Xy7zW3vU5t", false)]
    [InlineData("ééé", true)]
    public void Repeated_or_sequential_values_are_told_from_random_ones(string value, bool expected)
    {
        Assert.Equal(expected, Placeholders.IsRepeatedOrSequential(value));
    }
}

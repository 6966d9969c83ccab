using Codex.Plugins.Masking;
using Codex.Plugins.Masking.Detection;

namespace Codex.Plugins.Tests.Masking;

/// <summary>
/// Shapes built from each provider's or tool's documented format (GitLab's token prefix table, Slack's token types,
/// the DER structures of RFC 8017/5208/5915, RFC 7519 JWTs, curl's -u and -H options, config-file assignment
/// operators), with values generated for these tests: a true positive per shape, and the stand-ins each rule must leave.
/// </summary>
public sealed class DocumentedFormatTests
{
    private static readonly SecretScanner Scanner = new(SecretScanOptions.Secrets);

    [Theory]
    [InlineData("jwt", "signed token whose header has no alg: eyJ0eXAiOiJKV1QiLCJraWQiOiJvcHMtMjAyNi0xMSJ9.eyJzdWIiOiAic3ZjLTlqWWc3UyIsICJpYXQiOiAxNzY0OTc5MjAwLCAic2NvcGUiOiAiZGVwbG95In0.ssQNMkdkOsDbzZ3qAAEW8-HZqJLGgmnvmdCUpbWYiuk", "eyJ0eXAiOiJKV1QiLCJraWQiOiJvcHMtMjAyNi0xMSJ9.eyJzdWIiOiAic3ZjLTlqWWc3UyIsICJpYXQiOiAxNzY0OTc5MjAwLCAic2NvcGUiOiAiZGVwbG95In0.ssQNMkdkOsDbzZ3qAAEW8-HZqJLGgmnvmdCUpbWYiuk")]
    [InlineData("jwt", "token=eyJraWQiOiLSpuWMkpjdjraJlu_rkb0ifQ.eyJzdWIiOiAic3ZjLTlqWWc3UyIsICJpYXQiOiAxNzY0OTc5MjAwLCAic2NvcGUiOiAiZGVwbG95In0.c1Nb_2dh442b22Mbhb1-ejNe1d2j1_5fd224gLd16c2; path=/", "eyJraWQiOiLSpuWMkpjdjraJlu_rkb0ifQ.eyJzdWIiOiAic3ZjLTlqWWc3UyIsICJpYXQiOiAxNzY0OTc5MjAwLCAic2NvcGUiOiAiZGVwbG95In0.c1Nb_2dh442b22Mbhb1-ejNe1d2j1_5fd224gLd16c2")]
    [InlineData("jwt", "Authorization: Bearer eyAiYWxnIjogIkVTMjU2IiwgInR5cCI6ICJKV1QiIH0.eyJzdWIiOiAic3ZjLTlqWWc3UyIsICJpYXQiOiAxNzY0OTc5MjAwLCAic2NvcGUiOiAiZGVwbG95In0.Xg8EckArd0UFSPwmQfTIGORHPjNXhgjtOmj4n0iX0R7M_nnoTNjUVurMg3P8m9FYe6ibbzCpOFP5c63IUGE2BG", "eyAiYWxnIjogIkVTMjU2IiwgInR5cCI6ICJKV1QiIH0.eyJzdWIiOiAic3ZjLTlqWWc3UyIsICJpYXQiOiAxNzY0OTc5MjAwLCAic2NvcGUiOiAiZGVwbG95In0.Xg8EckArd0UFSPwmQfTIGORHPjNXhgjtOmj4n0iX0R7M_nnoTNjUVurMg3P8m9FYe6ibbzCpOFP5c63IUGE2BG")]
    [InlineData("gitlab-token", "FEATURE_FLAGS_TOKEN=\"glffct-5cYEB48vUAwgAcyf6goc\"", "glffct-5cYEB48vUAwgAcyf6goc")]
    [InlineData("gitlab-token", "oidc:\n  secret: gloas-ckP4PYyuJVqflfBMaK6JVoi6UuMLhhonba7Fcp2T5nUEc9KmQzOcOxSDUlPZVMZH", "gloas-ckP4PYyuJVqflfBMaK6JVoi6UuMLhhonba7Fcp2T5nUEc9KmQzOcOxSDUlPZVMZH")]
    [InlineData("gitlab-token", "git clone https://oauth2:glpat-c37H4NBZter7RM0RZ5emPT0x1Nn.njc5jyizh@gitlab.example.io/g/p.git", "glpat-c37H4NBZter7RM0RZ5emPT0x1Nn.njc5jyizh")]
    [InlineData("gitlab-token", "CI_JOB_TOKEN=glcbt-0KMvz_cHWN4SaVyT7DZ3jHOO1s", "glcbt-0KMvz_cHWN4SaVyT7DZ3jHOO1s")]
    [InlineData("gitlab-session-cookie", "Cookie: _gitlab_session=tw38v9v4z7mlsoswmffpvsoflkyes6o5; known_sign_in=1", "tw38v9v4z7mlsoswmffpvsoflkyes6o5")]
    [InlineData("slack-token", "{\"access_token\": \"xoxa-2-836682126-42452864793-8541864115163-e01be3a7858017545c\"}", "xoxa-2-836682126-42452864793-8541864115163-e01be3a7858017545c")]
    [InlineData("slack-token", "refresh: xoxr-8KmfEP2hBkzVcb", "xoxr-8KmfEP2hBkzVcb")]
    [InlineData("slack-token", "SLACK_CONFIG_TOKEN=xoxe.xoxp-1-vYzZySlXbHxBtBJia5mLgUUKsWPixVVMTNATkmZoTGG5aGEB2HXwTzKtVV3B0VqG4pqog6jAxTJMYd1ux2NOLOG75nnNmOIAAO3gniHOhU3hdjFKUBj45moVzCw2dwWol5yDCJTsulRGvERlRi1u8QjGKXoe7Z6jCuJD", "xoxe.xoxp-1-vYzZySlXbHxBtBJia5mLgUUKsWPixVVMTNATkmZoTGG5aGEB2HXwTzKtVV3B0VqG4pqog6jAxTJMYd1ux2NOLOG75nnNmOIAAO3gniHOhU3hdjFKUBj45moVzCw2dwWol5yDCJTsulRGvERlRi1u8QjGKXoe7Z6jCuJD")]
    [InlineData("slack-token", "slack_refresh = 'xoxe-1-p6ELDQUnIrPUDmQouzsIxEdqXBTCyaFPze30aJcCNK3igESYAoV3xJJUDknp8eNPaeHEt8RMmoRkDxEUystJNv6lZqjztPpTlOmn0AYuftO9HNmI6IQdDgXlo3LRKfvkMLmncdu6nKZXPM2ef2'", "xoxe-1-p6ELDQUnIrPUDmQouzsIxEdqXBTCyaFPze30aJcCNK3igESYAoV3xJJUDknp8eNPaeHEt8RMmoRkDxEUystJNv6lZqjztPpTlOmn0AYuftO9HNmI6IQdDgXlo3LRKfvkMLmncdu6nKZXPM2ef2")]
    [InlineData("private-key-der", "RSA_KEY=MIICXAIBAAKBgQCxj5R0Fs5Z5EWlf/Q3QA6cp/GLQvxvD67pnIYPO4cEGs0AFrzg7ebVVTJ79yLBEDvOaZJ0BzSBttaSV2uL+a386qPP/lDA1Pt2zzpAUooiqGvJgYIznNZCJSY2iRARnQpcGqY6sUPnDGNP501OXw+EX0Cucrkr0bogE32TSyEzrQIDAQABAoGAFHHNzBgcJmmMQ2QaQIpVpGAKBdjuq/MIVsm4/eQCxcw4MnxrvxJlc8bdizyHeedem4O4Yze5Kf5dcngyX+mdyMI2i3GQXK/R5wDOzJN2iRyicvaOIETnOtXEjtEHXWSitTRE2CHcAZ0LOp79ynTXO1zVhqPqhpmPyyXj9USRwgECQQDatPlzVcWQUsLvg82+aXO14LPTYaz2iyAD5VxGDxK+RzU9bgMXQqooE1ge6NZku0QfgX7JwhmQ1h0tR+2/q2PBAkEAz9Z9ym1edaCIW4vtG5ZicLE69sIM0q9KILsq0HdQBPVvOj2zEM5vimHBkBADdQNvIaiteUtkWYHOu6E34WRa7QJAUsm+w5HsPz2U3OWftDxmuKpeZ93Jg2oWrGLeEwcRqUV7Oc2zDdMGZjUsXkb1IRxiJSr3u5fl5ZWnZcSckrlmAQJBAI/p8ghtWu8QTds2NOTZaSinUDD1hXONtUKc17SqKVqFqJMnjgqhJ1MnBaT/saUgz5768cP/lGj2HXSG2e7UUrECQC/iCTIbk+Zd3BDVIbkjRJGpGtwvLG3eBBkDumZVcjzRNYmuCrD+WM3Udr9jGBPQJdmMH8s0YHKgW1EAX3b3JAU=", "MIICXAIBAAKBgQCxj5R0Fs5Z5EWlf/Q3QA6cp/GLQvxvD67pnIYPO4cEGs0AFrzg7ebVVTJ79yLBEDvOaZJ0BzSBttaSV2uL+a386qPP/lDA1Pt2zzpAUooiqGvJgYIznNZCJSY2iRARnQpcGqY6sUPnDGNP501OXw+EX0Cucrkr0bogE32TSyEzrQIDAQABAoGAFHHNzBgcJmmMQ2QaQIpVpGAKBdjuq/MIVsm4/eQCxcw4MnxrvxJlc8bdizyHeedem4O4Yze5Kf5dcngyX+mdyMI2i3GQXK/R5wDOzJN2iRyicvaOIETnOtXEjtEHXWSitTRE2CHcAZ0LOp79ynTXO1zVhqPqhpmPyyXj9USRwgECQQDatPlzVcWQUsLvg82+aXO14LPTYaz2iyAD5VxGDxK+RzU9bgMXQqooE1ge6NZku0QfgX7JwhmQ1h0tR+2/q2PBAkEAz9Z9ym1edaCIW4vtG5ZicLE69sIM0q9KILsq0HdQBPVvOj2zEM5vimHBkBADdQNvIaiteUtkWYHOu6E34WRa7QJAUsm+w5HsPz2U3OWftDxmuKpeZ93Jg2oWrGLeEwcRqUV7Oc2zDdMGZjUsXkb1IRxiJSr3u5fl5ZWnZcSckrlmAQJBAI/p8ghtWu8QTds2NOTZaSinUDD1hXONtUKc17SqKVqFqJMnjgqhJ1MnBaT/saUgz5768cP/lGj2HXSG2e7UUrECQC/iCTIbk+Zd3BDVIbkjRJGpGtwvLG3eBBkDumZVcjzRNYmuCrD+WM3Udr9jGBPQJdmMH8s0YHKgW1EAX3b3JAU=")]
    [InlineData("private-key-der", "\"key\": \"MIICdgIBADANBgkqhkiG9w0BAQEFAASCAmAwggJcAgEAAoGBAK5tjS/vZaHHZPFwXBaGc0mQF8SkskjSpwtrZj7iMoBPzzrmmIGTFpvr21eNsf+r2JWEIfST65WAMy4oQDIZ+D4KNguLELWYB4vwkZutkhJPCM3w57lJrMcC+eMSYLWbiyEMTaC0nXMAfJ10ivalaOroelpRV/pnt8GVo4Vs8P3HAgMBAAECgYEAlLGXNlHiVbNg/eFG33zmMsO/P0cXJLVO6ZE4rEqvumpOwmtpfqwhDfJWHaERKF8aVvs45wJiRiPvfV2avBsfXntmgAHKs4VgrN7Yi/EtuLfWQhgobre+fRuEW/xLNg/gCbL0syeGY9kqWb2C7Goqonx7amGbyitttDHAfGKLNAECQQDaNTjLoSOJiSFTj0bggMiwA8jwBXPKaMfbCJnBIdwGkrj2vlGUFG7/NdzmL0utjd+eVolT5flaZ9eKJU3TGkCBAkEAzKM9Dd8FzandMIg2EulSZMG09+Qgun/IH5idBcVM0ew17C4xXCI/jsP6+JI0tHue6i3nCPbaZl96KuyMKBwaRwJAdJVw9eLvQMGCi8mGPdaw4tHy3sKa/e8DsLQkqfp0OxLTPgmrPmm4cCSQFG/6iAzACDIGB0xc8H+Aum956CsjgQJAc3jlec9QYgYpBzrFcJRyZuKbcIotIa/7SEEA0gHMYGRu5RAH0FqPDMtv8hXmYbWkLbarOPa6tKvJrzD9waBh/wJAWqjj66ihsG46mmxRE6+ICfQW1d8f8cJkSFGfqL1ve8KJiI1qcuJ3STm9aisEKIKCpc+EolrHsUlII2IfHs7jGw==\"", "MIICdgIBADANBgkqhkiG9w0BAQEFAASCAmAwggJcAgEAAoGBAK5tjS/vZaHHZPFwXBaGc0mQF8SkskjSpwtrZj7iMoBPzzrmmIGTFpvr21eNsf+r2JWEIfST65WAMy4oQDIZ+D4KNguLELWYB4vwkZutkhJPCM3w57lJrMcC+eMSYLWbiyEMTaC0nXMAfJ10ivalaOroelpRV/pnt8GVo4Vs8P3HAgMBAAECgYEAlLGXNlHiVbNg/eFG33zmMsO/P0cXJLVO6ZE4rEqvumpOwmtpfqwhDfJWHaERKF8aVvs45wJiRiPvfV2avBsfXntmgAHKs4VgrN7Yi/EtuLfWQhgobre+fRuEW/xLNg/gCbL0syeGY9kqWb2C7Goqonx7amGbyitttDHAfGKLNAECQQDaNTjLoSOJiSFTj0bggMiwA8jwBXPKaMfbCJnBIdwGkrj2vlGUFG7/NdzmL0utjd+eVolT5flaZ9eKJU3TGkCBAkEAzKM9Dd8FzandMIg2EulSZMG09+Qgun/IH5idBcVM0ew17C4xXCI/jsP6+JI0tHue6i3nCPbaZl96KuyMKBwaRwJAdJVw9eLvQMGCi8mGPdaw4tHy3sKa/e8DsLQkqfp0OxLTPgmrPmm4cCSQFG/6iAzACDIGB0xc8H+Aum956CsjgQJAc3jlec9QYgYpBzrFcJRyZuKbcIotIa/7SEEA0gHMYGRu5RAH0FqPDMtv8hXmYbWkLbarOPa6tKvJrzD9waBh/wJAWqjj66ihsG46mmxRE6+ICfQW1d8f8cJkSFGfqL1ve8KJiI1qcuJ3STm9aisEKIKCpc+EolrHsUlII2IfHs7jGw==")]
    [InlineData("private-key-der", "ec: MHcCAQEEIHBV0ktL22yMu/9qY3CxDjfdqFjNrHpN0KZ2rm0TOHBZoAoGCCqGSM49AwEHoUQDQgAEZoFKBYD/DeBix34Po+kL0nVLDy6U4XibzztUdxIVXsftq1bvgDj/ICcvtJlSg56wOtDMhEGnWmOsYgNhJOCm4w==", "MHcCAQEEIHBV0ktL22yMu/9qY3CxDjfdqFjNrHpN0KZ2rm0TOHBZoAoGCCqGSM49AwEHoUQDQgAEZoFKBYD/DeBix34Po+kL0nVLDy6U4XibzztUdxIVXsftq1bvgDj/ICcvtJlSg56wOtDMhEGnWmOsYgNhJOCm4w==")]
    [InlineData("generic-secret-assignment", "\"client_secret\" : \"f57e1eb5445e2bd6b85cae0c06478bcabfd3f53a1e29d92f94c3d9ccf8de5840\",", "f57e1eb5445e2bd6b85cae0c06478bcabfd3f53a1e29d92f94c3d9ccf8de5840")]
    [InlineData("generic-secret-assignment", "GITHUB_CLIENT_SECRET=6789b1f9c86a62b4e66a92eed2f36402af5ed7ed", "6789b1f9c86a62b4e66a92eed2f36402af5ed7ed")]
    [InlineData("generic-secret-assignment", "{\"client_id\": \"f1c2aa1ee6c65a8a48300f6376d65b4c194d4747f366c93d963a0904fdb98be1\"}", "f1c2aa1ee6c65a8a48300f6376d65b4c194d4747f366c93d963a0904fdb98be1")]
    [InlineData("generic-secret-assignment", "\\\"api_token\\\": \\\"7179814fad5235ebc1a1306e659e09ba\\\"", "7179814fad5235ebc1a1306e659e09ba")]
    [InlineData("generic-secret-assignment", "DEPLOY_TOKEN ::= \"7179814fad5235ebc1a1306e659e09ba\"", "7179814fad5235ebc1a1306e659e09ba")]
    [InlineData("curl-user-password", "curl -X POST https://api.example.io/v2/jobs \\\n  -H 'Accept: application/json' \\\n  -u deploy:MNZw6cRAnlsC1h", "MNZw6cRAnlsC1h")]
    [InlineData("curl-user-password", "curl -u \":W2lhn6HvRI15\" https://search.internal:9200", "W2lhn6HvRI15")]
    [InlineData("curl-user-password", "curl https://api.payments.example/v1/charges -u \"HmD14Uuw13FZaC8b:\"", "HmD14Uuw13FZaC8b")]
    [InlineData("curl-user-password", "curl -s --user 'ops:rxkw9oI9cb' https://ci.example.io", "rxkw9oI9cb")]
    [InlineData("curl-user-password", "curl --user 1wj3bqs9y66rdy8:'MNZw6cRAnlsC1h' -X PATCH", "MNZw6cRAnlsC1h")]
    [InlineData("authorization-header", "curl -H \"Authorization: Api-Token 01f634a939f39a6cdb068c368d770cd7c988504c\" https://api.example.io", "01f634a939f39a6cdb068c368d770cd7c988504c")]
    [InlineData("authorization-header", "curl -H 'Authorization: Basic Y2k6andoaTU=' https://ci.example.io", "Y2k6andoaTU=")]
    [InlineData("api-key-header", "curl -X GET \\\n  -H \"apikey: 28cf0472-2981-4651-b557-6b924b925ff8\" \\\n  -H \"Accept: application/json\"", "28cf0472-2981-4651-b557-6b924b925ff8")]
    [InlineData("api-key-header", "curl -X POST --header \"Api-Token: vK2gseUnE6b\"", "vK2gseUnE6b")]
    [InlineData("api-key-header", "curl http://localhost:8080/api -H \"Token: 69d86edd25a62de0\" -d x=1", "69d86edd25a62de0")]
    [InlineData("api-key-header", "-H \"X-Acme-ApiKey: 5d8cad1e-2555-4436-9d79-677d9b6e4438\"", "5d8cad1e-2555-4436-9d79-677d9b6e4438")]
    public void Finds_each_documented_shape(string detector, string text, string secret)
    {
        var matches = Scanner.Scan(text);
        Assert.True(matches.Any(m => m.Detector.Id == detector && m.Value == secret), $"'{text}' gave {string.Join(", ", matches.Select(m => $"{m.Detector.Id}='{m.Value}'"))}");
        Assert.DoesNotContain(secret, SecretText.Mask(text), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("curl -u <user:password> https://api.example.io/endpoint")]
    [InlineData("curl --user admin:[PASSWORD] http://[IP]:7474/db/data/")]
    [InlineData("curl -sL --user \"$1:$2\" \"$3\"")]
    [InlineData("curl -u \"$USER:$PASS\" https://ci.example.io")]
    [InlineData("curl -u user:pass --digest http://127.0.0.1:5000/file")]
    [InlineData("curl -u \"svc-reader\" http://localhost:15130/api/check_user/")]
    [InlineData("curl -X POST --user \"$(cat ./login.txt):$(cat ./password.txt)\"")]
    [InlineData("curl -H \"apikey: $API_KEY\" https://api.example.io")]
    [InlineData("curl -H \"Authorization: Bearer <Your API token>\" https://api.example.io")]
    [InlineData("curl -H \"Authorization: Token ************\" https://api.example.io")]
    [InlineData("apiKey: \"AIzaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"")]
    [InlineData("GOOGLE_KEY=AIza00000000000000000000000000000000000")]
    [InlineData("runner: GR134894145454545454545454545")]
    [InlineData("\"slack_token\": \"xoxp-987654321\"")]
    [InlineData("token: xoxb-4444-my-bot")]
    [InlineData("ANTHROPIC_API_KEY=sk-ant-api03-FSE3SrfkS9Y4reXkH6ou046n")]
    [InlineData("commit_sha = 6789b1f9c86a62b4e66a92eed2f36402af5ed7ed")]
    [InlineData("\"client_id\": \"svc-dashboard\"")]
    [InlineData("client_id = 7f3a9c21")]
    [InlineData("cert: MIIB9DCCAV2gAwIBAgIUXLYgifnxrSx3q95/axLBhVDqsLgwDQYJKoZIhvcNAQELBQAwDDEKMAgGA1UEAwwBeDAeFw0yNjEyMDcwNjQxMzdaFw0yNjEyMDgwNjQxMzdaMAwxCjAIBgNVBAMMAXgwgZ8wDQYJKoZIhvcNAQEBBQADgY0AMIGJAoGBALzjtQ4zL7Tjt8zI1Taytwgfxzei4C5za3BaD5qzri632Badj/LBWqZ8T81thgtBw373KpplbFXF7LulZ7rxPIjHcJvi/eVwe2lI6uiRoCZVEZP6U6LRIhkC/tAfdIwQUnahcfJ97vVuoMcJH8xqGXkcCwGIzyynwatirl4VDxGPAgMBAAGjUzBRMB0GA1UdDgQWBBRwTRCMG85CRMTwvUNSCXZ71HbEOjAfBgNVHSMEGDAWgBRwTRCMG85CRMTwvUNSCXZ71HbEOjAPBgNVHRMBAf8EBTADAQH/MA0GCSqGSIb3DQEBCwUAA4GBAJ8mnPCWLiFF8Fax9/quDBMDAzH+2D3VL6G5pWEm4C1ROTyODKVkVaXVhSD/BU1at07zQ0ivyVdDQ9YOkzbeHrW+YiYSoXumUkQEbwwFdt/JpFcP2U1qQ/TBfF6oZZEC4RiA3pV/Lt5BAqaqtchutw+Tn8iwyqsQrzt8uGiP3ZD3")]
    [InlineData("pub: MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA1iHjpbFtFg33PC0wAN4RdTtepq4wJhBiKb2klwnpySsBSl5XrtBg1YBIuJQn+wvK4X2vGQWUgo0js9EYsEkX2Azqr/9vkG6zgb4863q6MTRUhb7gddQYskAlGmoaEYpTXsZWI6cSp1KxnEc4Od0bVUOAha2fzU6UlFs02xRvs3ERB708Md9Mh89p6bLvGsoxgti1O7SvkBv4SMpe45VgXJ7TyDEQexl8edGrOjXqhBus9GKTP2QO7Mqddz76fKgfmSeNrst+f3NwqKWcQep0PpGnq19rO1bt0ShSSXIk9vFsa0z7+xjk4BlpoDygU5s1HNGkim1gRruHH7EdjF7kOwIDAQAB")]
    public void Leaves_the_stand_ins_alone(string text)
    {
        var matches = Scanner.Scan(text);
        Assert.True(matches.Count == 0, $"'{text}' matched {string.Join(", ", matches.Select(m => $"{m.Detector.Id}='{m.Value}'"))}");
        Assert.Equal(text, SecretText.Mask(text));
    }

    [Fact]
    public void A_provider_prefix_the_provider_rejects_is_not_taken_by_a_context_detector()
    {
        // The same key = value line is a secret with a well-formed Slack token and a stand-in with a truncated one.
        string wellFormed = "slack_token = \"xoxp-4185630271-9920461185-3390155082-5a1b8c7d2e9f4a6b3c0d8e7f1a2b3c4d\"";
        Assert.Equal("slack-token", Assert.Single(Scanner.Scan(wellFormed)).Detector.Id);
        Assert.Empty(Scanner.Scan("slack_token = \"xoxp-4185630271\""));
    }
}

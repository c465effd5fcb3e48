//! Endpoints of the standard AWS partitions:
//! `https://{endpoint_prefix}.{region}.{dns suffix}`, with `-fips` after the
//! prefix and the dual-stack suffix when asked for. This is the rule of the
//! two API Gateway services' endpoint rule sets (and of most regional
//! services), and the global endpoints of the `aws` partition (IAM,
//! CloudFront, Route 53, ...: [`global_endpoint`]); services with otherwise
//! special endpoints need the endpoint URL given to the client.

/// A partition: the regions it holds and its DNS suffixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Partition {
    pub id: &'static str,
    /// The suffix of its endpoints (`amazonaws.com`).
    pub dns_suffix: &'static str,
    /// The suffix of its dual-stack (IPv4 and IPv6) endpoints.
    pub dual_stack_dns_suffix: &'static str,
}

/// Region prefixes of the partitions other than `aws` (from botocore's
/// `partitions.json`; `aws-us-gov` shares `aws`'s suffix).
const PARTITIONS: &[(&str, Partition)] = &[
    (
        "cn-",
        Partition {
            id: "aws-cn",
            dns_suffix: "amazonaws.com.cn",
            dual_stack_dns_suffix: "api.amazonwebservices.com.cn",
        },
    ),
    (
        "us-gov-",
        Partition {
            id: "aws-us-gov",
            dns_suffix: "amazonaws.com",
            dual_stack_dns_suffix: "api.aws",
        },
    ),
    (
        "us-iso-",
        Partition {
            id: "aws-iso",
            dns_suffix: "c2s.ic.gov",
            dual_stack_dns_suffix: "api.aws.ic.gov",
        },
    ),
    (
        "us-isob-",
        Partition {
            id: "aws-iso-b",
            dns_suffix: "sc2s.sgov.gov",
            dual_stack_dns_suffix: "api.aws.scloud",
        },
    ),
    (
        "eu-isoe-",
        Partition {
            id: "aws-iso-e",
            dns_suffix: "cloud.adc-e.uk",
            dual_stack_dns_suffix: "api.cloud-aws.adc-e.uk",
        },
    ),
    (
        "us-isof-",
        Partition {
            id: "aws-iso-f",
            dns_suffix: "csp.hci.ic.gov",
            dual_stack_dns_suffix: "api.aws.hci.ic.gov",
        },
    ),
    (
        "eusc-",
        Partition {
            id: "aws-eusc",
            dns_suffix: "amazonaws.eu",
            dual_stack_dns_suffix: "api.amazonwebservices.eu",
        },
    ),
];

const AWS: Partition = Partition {
    id: "aws",
    dns_suffix: "amazonaws.com",
    dual_stack_dns_suffix: "api.aws",
};

/// The partition of `region` (`aws` for any region no other claims).
pub fn partition(region: &str) -> Partition {
    PARTITIONS
        .iter()
        .find(|(prefix, _)| region.starts_with(prefix))
        .map_or(AWS, |(_, p)| *p)
}

/// The global services of the `aws` partition (botocore 1.44.8's
/// `endpoints.json`: `isRegionalized: false`, the `aws-global` endpoint and
/// its credential scope): endpoint prefix, host, the region requests are
/// signed for. IAM, CloudFront, Route 53, ... have no regional endpoints.
const GLOBAL: &[(&str, &str, &str)] = &[
    ("account", "account.us-east-1.amazonaws.com", "us-east-1"),
    (
        "billingconductor",
        "billingconductor.us-east-1.amazonaws.com",
        "us-east-1",
    ),
    ("budgets", "budgets.amazonaws.com", "us-east-1"),
    ("ce", "ce.us-east-1.amazonaws.com", "us-east-1"),
    ("chime", "chime.us-east-1.amazonaws.com", "us-east-1"),
    ("cloudfront", "cloudfront.amazonaws.com", "us-east-1"),
    ("health", "global.health.amazonaws.com", "us-east-1"),
    ("iam", "iam.amazonaws.com", "us-east-1"),
    (
        "networkmanager",
        "networkmanager.us-west-2.amazonaws.com",
        "us-west-2",
    ),
    (
        "notifications-contacts",
        "notifications-contacts.us-east-1.api.aws",
        "us-east-1",
    ),
    (
        "organizations",
        "organizations.us-east-1.amazonaws.com",
        "us-east-1",
    ),
    ("route53", "route53.amazonaws.com", "us-east-1"),
    ("savingsplans", "savingsplans.amazonaws.com", "us-east-1"),
    ("shield", "shield.us-east-1.amazonaws.com", "us-east-1"),
    ("tax", "tax.us-east-1.amazonaws.com", "us-east-1"),
    ("waf", "waf.amazonaws.com", "us-east-1"),
];

/// A global service's endpoint in `region`'s partition (only the `aws`
/// partition's are known): its host and the region to sign for.
pub fn global_endpoint(
    endpoint_prefix: &str,
    region: &str,
) -> Option<(&'static str, &'static str)> {
    if partition(region).id != "aws" {
        return None;
    }
    GLOBAL
        .iter()
        .find(|(prefix, _, _)| *prefix == endpoint_prefix)
        .map(|(_, host, signing_region)| (*host, *signing_region))
}

/// Endpoint variants.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EndpointOptions {
    /// FIPS 140 endpoints (`apigateway-fips.us-east-1.amazonaws.com`).
    pub use_fips: bool,
    /// Dual-stack endpoints (`apigateway.us-east-1.api.aws`).
    pub use_dual_stack: bool,
}

/// The endpoint URL of a service (its `endpoint_prefix`) in `region`.
///
/// ```
/// use shapegen_runtime::client::{endpoint_url, EndpointOptions};
/// let o = EndpointOptions::default();
/// assert_eq!(endpoint_url("apigateway", "eu-west-1", o), "https://apigateway.eu-west-1.amazonaws.com");
/// assert_eq!(endpoint_url("apigateway", "cn-north-1", o), "https://apigateway.cn-north-1.amazonaws.com.cn");
/// ```
pub fn endpoint_url(endpoint_prefix: &str, region: &str, options: EndpointOptions) -> String {
    let p = partition(region);
    let fips = if options.use_fips { "-fips" } else { "" };
    let suffix = if options.use_dual_stack {
        p.dual_stack_dns_suffix
    } else {
        p.dns_suffix
    };
    format!("https://{endpoint_prefix}{fips}.{region}.{suffix}")
}

/// Whether `region` can go into a host name and a credential scope: letters,
/// digits and `-`, not starting or ending with `-`.
pub fn is_valid_region(region: &str) -> bool {
    !region.is_empty()
        && region.len() <= 63
        && region
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !region.starts_with('-')
        && !region.ends_with('-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partitions() {
        let o = EndpointOptions::default();
        for (region, url) in [
            ("us-east-1", "https://apigateway.us-east-1.amazonaws.com"),
            (
                "ap-southeast-2",
                "https://apigateway.ap-southeast-2.amazonaws.com",
            ),
            (
                "cn-northwest-1",
                "https://apigateway.cn-northwest-1.amazonaws.com.cn",
            ),
            (
                "us-gov-west-1",
                "https://apigateway.us-gov-west-1.amazonaws.com",
            ),
            (
                "us-iso-east-1",
                "https://apigateway.us-iso-east-1.c2s.ic.gov",
            ),
            (
                "us-isob-east-1",
                "https://apigateway.us-isob-east-1.sc2s.sgov.gov",
            ),
            (
                "eu-isoe-west-1",
                "https://apigateway.eu-isoe-west-1.cloud.adc-e.uk",
            ),
            (
                "us-isof-south-1",
                "https://apigateway.us-isof-south-1.csp.hci.ic.gov",
            ),
            (
                "eusc-de-east-1",
                "https://apigateway.eusc-de-east-1.amazonaws.eu",
            ),
        ] {
            assert_eq!(endpoint_url("apigateway", region, o), url);
        }
        let both = EndpointOptions {
            use_fips: true,
            use_dual_stack: true,
        };
        assert_eq!(
            endpoint_url("apigateway", "us-west-2", both),
            "https://apigateway-fips.us-west-2.api.aws"
        );
        assert_eq!(
            endpoint_url("apigateway", "cn-north-1", both),
            "https://apigateway-fips.cn-north-1.api.amazonwebservices.com.cn"
        );
    }

    #[test]
    fn global_services() {
        assert_eq!(
            global_endpoint("iam", "eu-west-1"),
            Some(("iam.amazonaws.com", "us-east-1"))
        );
        assert_eq!(
            global_endpoint("networkmanager", "us-east-1"),
            Some(("networkmanager.us-west-2.amazonaws.com", "us-west-2"))
        );
        assert_eq!(global_endpoint("iam", "cn-north-1"), None);
        assert_eq!(global_endpoint("apigateway", "us-east-1"), None);
    }

    #[test]
    fn region_validity() {
        assert!(is_valid_region("us-east-1"));
        for bad in ["", "US-EAST-1", "us east", "us/east", "-us", "a.b", "us-"] {
            assert!(!is_valid_region(bad), "{bad}");
        }
    }
}

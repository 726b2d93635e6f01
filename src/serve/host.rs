//! Which Host headers name this server. A page of another site whose
//! name was made to resolve to this machine (DNS rebinding) sends that
//! name; refusing it keeps such pages from reading the preview.

use std::net::{IpAddr, Ipv6Addr, SocketAddr};

/// Whether `host` (a Host header) names this server: with a port, the
/// port it listens on. A server on a loopback address answers only to
/// loopback names (`localhost`, 127.0.0.0/8, `[::1]`); one on another
/// address also to IP addresses, never to other names. A page from
/// another site whose name was made to point here (DNS rebinding) is
/// thus refused.
pub fn host_allowed(host: &str, local: SocketAddr) -> bool {
    let Some((name, port)) = split_host(host) else {
        return false;
    };
    if port.is_some_and(|p| p != local.port()) {
        return false;
    }
    let ip = name.parse::<IpAddr>().ok();
    let loopback = name.eq_ignore_ascii_case("localhost") || ip.is_some_and(|ip| ip.is_loopback());
    loopback || (!local.ip().is_loopback() && ip.is_some())
}

/// A Host header as name and port; an IPv6 address loses its brackets.
fn split_host(host: &str) -> Option<(&str, Option<u16>)> {
    let (name, rest) = match host.strip_prefix('[') {
        Some(inner) => {
            let (name, rest) = inner.split_once(']')?;
            name.parse::<Ipv6Addr>().ok()?;
            (name, rest)
        }
        None => host.split_at(host.find(':').unwrap_or(host.len())),
    };
    let port = match rest {
        "" => None,
        _ => {
            let digits = rest.strip_prefix(':')?;
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            Some(digits.parse().ok()?)
        }
    };
    Some((name, port))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_loopback_server_answers_only_to_loopback_names() {
        let local: SocketAddr = "127.0.0.1:8000".parse().unwrap();
        for host in [
            "localhost",
            "localhost:8000",
            "LOCALHOST:8000",
            "127.0.0.1:8000",
            "127.9.8.7",
            "[::1]:8000",
            "[::1]",
        ] {
            assert!(host_allowed(host, local), "{host}");
        }
        for host in [
            "",
            "rebound.example",
            "rebound.example:8000",
            "localhost.rebound.example:8000",
            "127.0.0.1.nip.example",
            "localhost:8001",
            "localhost:",
            "localhost:+8000",
            "localhost:80000",
            "192.0.2.1:8000",
            "[::1]x",
            "[::1",
            "::1",
            "[rebound.example]:8000",
        ] {
            assert!(!host_allowed(host, local), "{host}");
        }
    }

    #[test]
    fn a_server_on_all_addresses_answers_to_addresses_but_not_names() {
        for local in ["0.0.0.0:8000", "[::]:8000"] {
            let local: SocketAddr = local.parse().unwrap();
            for host in ["192.0.2.1:8000", "[2001:db8::1]:8000", "localhost:8000"] {
                assert!(host_allowed(host, local), "{host}");
            }
            for host in ["rebound.example:8000", "laptop.local", "192.0.2.1:1"] {
                assert!(!host_allowed(host, local), "{host}");
            }
        }
    }
}

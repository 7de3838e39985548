//! `crmflow watch FILE [-o OUT] [--serve [ADDR]] [--open]`: compile on
//! start and on every save; write OUT atomically after each good compile,
//! push each state to the preview page, print each result.

use super::args::WatchArgs;
use super::exit;
use super::settings::today_or_report;
use crmflow::config;
use crmflow::export::Format;
use crmflow::i18n::t;
use crmflow::watch::files::{FileWatcher, Wake};
use crmflow::watch::server::Preview;
use crmflow::watch::session::{Session, Settings};
use std::net::{SocketAddr, ToSocketAddrs};
use std::path::Path;
use std::time::Duration;

/// Runs `watch`.
pub fn run(args: &WatchArgs, fancy: bool) -> u8 {
    let format = match output_format(args) {
        Ok(format) => format,
        Err(message) => {
            eprintln!("{message}");
            return exit::USAGE;
        }
    };
    let today = match today_or_report() {
        Ok(today) => today,
        Err(code) => return code,
    };
    let mut watcher = match FileWatcher::new(
        Duration::from_millis(args.debounce.max(1)),
        Duration::from_millis(args.poll.max(10)),
    ) {
        Ok(watcher) => watcher,
        Err(message) => {
            eprintln!("error: {message}");
            return exit::USAGE;
        }
    };
    let stopper = watcher.stopper();
    if let Err(err) = ctrlc::set_handler(move || stopper.stop()) {
        eprintln!(
            "{}",
            t("cli-warning-cannot-catch-ctrl-c").arg("err", err.to_string())
        );
    }
    let preview = match &args.serve {
        None => None,
        Some(address) => match parse_address(address).and_then(Preview::start) {
            Ok(preview) => Some(preview),
            Err(message) => {
                eprintln!("error: {message}");
                return exit::USAGE;
            }
        },
    };
    announce(args, preview.as_ref());
    let mut session = Session::new(Settings {
        file: args.file.clone(),
        output: args.output.clone().zip(format),
        config: args.config.clone(),
        look: args.look.look(),
        today: (!args.no_lint).then_some(today),
        fancy,
        serving: preview.is_some(),
    });
    // Follow the file before the first read: a save made while the first
    // compile runs must not be lost.
    let folder = args
        .file
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    watcher.follow([args.file.clone(), folder.join(config::FILE_NAME)]);
    loop {
        let (snapshot, inputs) = session.compile_settled();
        if let Some(preview) = &preview {
            preview.set_fonts(session.drawn_with());
            preview.publish(&snapshot);
        }
        // Said once the page has it: whoever reads `[ok]` finds it served.
        eprint!("{}", session.take_log());
        watcher.follow(inputs);
        match watcher.wait() {
            Wake::Changed(_) => {}
            Wake::Stop => break,
        }
    }
    eprintln!("{}", t("cli-stopped"));
    exit::OK
}

/// The format `-o` names (`None` without `-o`), after the checks that need
/// nothing read: a file, not standard input; an output that is not the
/// input. The output layer's rule: an input of the run is never replaced.
fn output_format(args: &WatchArgs) -> Result<Option<Format>, String> {
    if args.file.as_os_str() == "-" {
        return Err(t("cli-error-watch-needs-file-not").to_string());
    }
    // The output layer's rule: an input of the run is never replaced.
    crmflow::files::protect(&args.file);
    if let Some(output) = &args.output
        && crmflow::files::is_protected(output)
    {
        return Err(t("cli-error-output-input-itself")
            .arg("output", &output.display())
            .to_string());
    }
    Ok(match &args.output {
        None => None,
        Some(output) => match Format::from_extension(output) {
            Some(format) => Some(format),
            None => {
                return Err(format!(
                    "error: {}",
                    crmflow::export::unsupported_output(output)
                ));
            }
        },
    })
}

/// Says what is watched, where the preview is served (and that it is
/// shared beyond this machine), and opens it when asked.
fn announce(args: &WatchArgs, preview: Option<&Preview>) {
    eprintln!(
        "{}",
        t("cli-watching-ctrl-c-stop").arg("file", &args.file.display())
    );
    if let Some(preview) = preview {
        for url in preview.urls() {
            eprintln!("{}", t("cli-preview").arg("url", url.to_string()));
        }
        if preview.is_shared() {
            eprintln!("{}", t("cli-warning-preview-served-beyond-this"));
        }
        if args.open
            && let Err(err) = opener::open_browser(preview.url())
        {
            eprintln!(
                "{}",
                t("cli-warning-cannot-open-browser-err").arg("err", err.to_string())
            );
        }
    }
}

/// `PORT`, `HOST`, `HOST:PORT` or `IP:PORT` → a socket address.
fn parse_address(text: &str) -> Result<SocketAddr, String> {
    if let Ok(address) = text.parse::<SocketAddr>() {
        return Ok(address);
    }
    if let Ok(port) = text.parse::<u16>() {
        return Ok(SocketAddr::from(([127, 0, 0, 1], port)));
    }
    if let Ok(ip) = text.parse::<std::net::IpAddr>() {
        return Ok(SocketAddr::new(ip, 0));
    }
    let with_port = if text.contains(':') {
        text.to_owned()
    } else {
        format!("{text}:0")
    };
    with_port
        .to_socket_addrs()
        .ok()
        .and_then(|mut addresses| addresses.next())
        .ok_or_else(|| {
            t("cli-serve-text-not-address-try")
                .arg("text", text)
                .to_string()
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serve_addresses() {
        assert_eq!(
            parse_address("8080").unwrap(),
            "127.0.0.1:8080".parse().unwrap()
        );
        assert_eq!(
            parse_address("0.0.0.0").unwrap(),
            "0.0.0.0:0".parse().unwrap()
        );
        assert_eq!(
            parse_address("127.0.0.1:0").unwrap(),
            "127.0.0.1:0".parse().unwrap()
        );
        assert!(parse_address("localhost:9000").unwrap().ip().is_loopback());
        assert!(parse_address("not an address").is_err());
    }
}

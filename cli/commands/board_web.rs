//! The projector board as a local web page (`bcpsim exercise --board`): a small blocking HTTP
//! server (tiny_http, one thread, no async runtime) serving the page, its font and the board as
//! JSON. The JSON is `bcpsim_engine::exercise::view`, built from the same status as the
//! terminal board; the session loop publishes it after every command, and the page polls it
//! twice a second. Offline: the page, its script and the font (IPAexGothic) come from bcpsim.
//! Bound to 127.0.0.1 unless `--bind` says otherwise.

use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

use bcpsim_engine::Lang;
use bcpsim_engine::exercise::Session;
use bcpsim_engine::exercise::view::view_json;
use bcpsim_reports::charts::{FONT_BYTES, FONT_FAMILY};
use tiny_http::{Header, Method, Response, Server};

use super::Failure;

/// The page: markup, style and script in one file, served as it is.
const PAGE: &str = include_str!("board_page.html");

/// What the server shows: the latest board JSON and its version.
struct Shared {
    version: u64,
    json: String,
}

/// A running board server. Dropping it leaves the thread serving until the process ends.
pub struct BoardServer {
    shared: Arc<Mutex<Shared>>,
    lang: Lang,
    /// Where it listens, as bound (the port chosen when 0 was asked).
    pub addr: SocketAddr,
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("a valid header")
}

impl BoardServer {
    /// Starts serving on `bind:port` (port 0: any free port). A bad address or a port in use
    /// is the user's to fix (exit 2, with a hint).
    pub fn start(bind: &str, port: u16, lang: Lang) -> Result<BoardServer, Failure> {
        let ip: IpAddr = bind.parse().map_err(|_| {
            Failure::BadInput(
                lang.pick(
                    &format!(
                        "エラー: --bind {bind} は IP アドレスではありません（例: 127.0.0.1、全てのネットワークに公開するなら 0.0.0.0）"
                    ),
                    &format!(
                        "error: --bind {bind} is not an IP address (e.g. 127.0.0.1, or 0.0.0.0 to serve every network)"
                    ),
                )
                .to_string(),
            )
        })?;
        let server = Server::http(SocketAddr::new(ip, port)).map_err(|e| {
            Failure::BadInput(
                lang.pick(
                    &format!(
                        "エラー: {ip}:{port} でボードを公開できません（{e}）。別のポートを --port で指定するか、--port 0 で空いているポートを使ってください"
                    ),
                    &format!(
                        "error: cannot serve the board on {ip}:{port} ({e}); give another port with --port, or --port 0 for any free one"
                    ),
                )
                .to_string(),
            )
        })?;
        let addr = server
            .server_addr()
            .to_ip()
            .unwrap_or(SocketAddr::new(ip, port));
        let shared = Arc::new(Mutex::new(Shared {
            version: 0,
            json: "{}".to_string(),
        }));
        let started_ms = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_millis() as u64);
        let serving = Arc::clone(&shared);
        let page = PAGE
            .replace("__LANG__", lang.pick("ja", "en"))
            .replace("__FONT_FAMILY__", FONT_FAMILY)
            .replace("__STARTED_MS__", &started_ms.to_string());
        std::thread::Builder::new()
            .name("board-web".into())
            .spawn(move || serve(server, serving, page))
            .map_err(|e| {
                Failure::Other(format!(
                    "{}: {e}",
                    lang.pick(
                        "エラー: ボードを公開できません",
                        "error: cannot serve the board"
                    )
                ))
            })?;
        Ok(BoardServer { shared, lang, addr })
    }

    /// Shows `session` now: the page redraws within its next poll.
    pub fn publish(&self, session: &Session) {
        let mut s = self.shared.lock().unwrap_or_else(|p| p.into_inner());
        s.version += 1;
        s.json = view_json(session, self.lang, s.version);
    }

    /// The page's address for people to open.
    pub fn url(&self) -> String {
        let host = match self.addr.ip() {
            IpAddr::V4(v) if v.is_unspecified() => "127.0.0.1".to_string(),
            IpAddr::V6(v) if v.is_unspecified() => "[::1]".to_string(),
            IpAddr::V6(v) => format!("[{v}]"),
            IpAddr::V4(v) => v.to_string(),
        };
        format!("http://{host}:{}/", self.addr.port())
    }
}

fn serve(server: Server, shared: Arc<Mutex<Shared>>, page: String) {
    for request in server.incoming_requests() {
        let path = request.url().split('?').next().unwrap_or("/").to_string();
        let get = matches!(request.method(), Method::Get | Method::Head);
        let response = match (get, path.as_str()) {
            (true, "/" | "/index.html") => Response::from_data(page.as_bytes().to_vec())
                .with_header(header("Content-Type", "text/html; charset=utf-8"))
                .with_header(header("Cache-Control", "no-store")),
            (true, "/board.json") => {
                let json = shared
                    .lock()
                    .map(|s| s.json.clone())
                    .unwrap_or_else(|p| p.into_inner().json.clone());
                Response::from_data(json.into_bytes())
                    .with_header(header("Content-Type", "application/json; charset=utf-8"))
                    .with_header(header("Cache-Control", "no-store"))
            }
            (true, "/font.ttf") => Response::from_data(FONT_BYTES.to_vec())
                .with_header(header("Content-Type", "font/ttf"))
                .with_header(header("Cache-Control", "max-age=86400")),
            (true, _) => Response::from_data(b"not found\n".to_vec())
                .with_status_code(404)
                .with_header(header("Content-Type", "text/plain; charset=utf-8")),
            (false, _) => Response::from_data(b"method not allowed\n".to_vec())
                .with_status_code(405)
                .with_header(header("Content-Type", "text/plain; charset=utf-8")),
        };
        // A viewer that went away is no concern of the session.
        let _ = request.respond(response);
    }
}

// `tumen-server mailgate --url URL --token TOKEN [--timeout SECONDS]`: for an MTA pipe (Postfix `pipe`, Exim
// `pipe` transport, procmail, .forward "|..."). Reads ONE RFC 5322 message from stdin, posts it to
// URL/api/v1/mail/inbound?channel=mailgate with an administrator's API key, and exits with a code the MTA
// understands (sysexits.h):
//   0  EX_OK        taken (a lead created or appended, a bounce recorded, a duplicate, or a loop stopped:
//                   loops are accepted and recorded, never answered, so they end here)
//   67 EX_NOUSER    rejected: no team alias and not a reply to a known message (the MTA bounces it)
//   65 EX_DATAERR   the message is unreadable or too large (422/413)
//   75 EX_TEMPFAIL  the server is unreachable, answers 5xx, 429 or refuses the token: the MTA keeps the message
//                   queued and retries, so nothing is lost while the CRM is down or misconfigured
//   64 EX_USAGE     bad arguments
#pragma once
#include <istream>
#include <string>
#include <vector>

namespace tumen::server {

inline constexpr int ex_ok = 0, ex_usage = 64, ex_dataerr = 65, ex_nouser = 67, ex_tempfail = 75;

// `args` are the words after "mailgate"; the message is read from `in`. Messages go to stderr.
int run_mailgate(const std::vector<std::string>& args, std::istream& in);

// The exit code for an HTTP answer (status and JSON body text); exposed for tests.
int mailgate_exit_code(int status, const std::string& body);

}  // namespace tumen::server

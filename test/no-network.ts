import nock from "nock";

/**
 * Tests never touch the network: every test file starts with outside connections refused, and a test that
 * lets connections through again (`nock.enableNetConnect()` after its mocks) lets through only this
 * machine's own servers (the history page's stand-ins, the test PostgreSQL). A request that slipped past
 * the mocks — say the OSV API asked for real — then fails at once instead of reaching the internet.
 */
const LOCAL = (host: string) => /^(localhost|127\.0\.0\.1|\[::1\]|::1)(:\d+)?$/.test(host);
const enable = nock.enableNetConnect.bind(nock);
nock.enableNetConnect = (matcher?: string | RegExp | ((host: string) => boolean)) => enable(matcher ?? LOCAL);
nock.disableNetConnect();
nock.enableNetConnect();

package dev.rallypoint.common.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Session settings shared by every service, since each one checks tokens itself. */
@ConfigMapping(prefix = "rallypoint.session")
public interface SessionConfig {

    /** How long a session lives after its last use; every authenticated request renews it. */
    @WithDefault("P7D")
    Duration ttl();

    /** How long an instance may reuse a session it looked up, before reading it again. */
    @WithDefault("PT2S")
    Duration cache();
}

package dev.rallypoint.kv;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready while both TCP listeners are bound and, with the redis store, Redis answers. */
@Readiness
@ApplicationScoped
public class KvReadiness implements HealthCheck {

    private final KvServer server;

    public KvReadiness(KvServer server) {
        this.server = server;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("kv listeners").status(server.listening() && server.storeAnswers())
                .withData("resp", server.respPort()).withData("line", server.linePort()).build();
    }
}

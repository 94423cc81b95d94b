package calc.contract;

import java.util.Objects;

/** Names the worker instance that produced a result: service, version label and instance id. */
public record WorkerIdentity(String service, String version, String instance) {
    public WorkerIdentity {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(instance, "instance");
    }
}

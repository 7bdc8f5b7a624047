package coffee.adapter.kafka.broker;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.common.Uuid;

/**
 * One KRaft node (broker and controller in one) of a quorum of {@code voters}: what it is
 * called, where it listens, and where its data lives. A single-node broker is the quorum of
 * itself.
 *
 * @param nodeId this node's id, one of the voters'
 * @param host the address it listens on and gives clients and the other nodes
 * @param clientPort where clients connect
 * @param controllerPort where the other voters reach its controller; 0 picks a free one (a
 *     single node only: the others must know it)
 * @param voters every controller of the quorum, {@code id@host:port} each; empty for a single node
 * @param clusterId the id storage is formatted with, the same on every node; empty: derived
 *     from the voters, so nodes given the same voters agree without being told
 * @param dataDir where the node keeps its configuration and data
 */
public record BrokerNode(int nodeId, String host, int clientPort, int controllerPort, List<String> voters,
        Optional<String> clusterId, Path dataDir) {

    public BrokerNode {
        voters = List.copyOf(voters);
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(clusterId, "clusterId");
        Objects.requireNonNull(dataDir, "dataDir");
        if (!voters.isEmpty() && voters.stream().noneMatch(voter -> voter.startsWith(nodeId + "@"))) {
            throw new IllegalArgumentException("node " + nodeId + " is not one of the voters " + voters);
        }
        if (voters.size() > 1 && controllerPort == 0) {
            throw new IllegalArgumentException("a node of a quorum needs its controller port, as the voters name it");
        }
    }

    /** The single node {@code coffee serve} and {@code coffee broker} run: a quorum of one. */
    public static BrokerNode single(Path dataDir, int clientPort) {
        return new BrokerNode(1, "127.0.0.1", clientPort, 0, List.of(), Optional.empty(), dataDir);
    }

    /** How many nodes the quorum has: replicas of internal topics cannot be more. */
    public int quorumSize() {
        return voters.isEmpty() ? 1 : voters.size();
    }

    /** The cluster id to format fresh storage with. */
    String clusterIdToFormat() {
        if (clusterId.isPresent()) {
            return clusterId.get();
        }
        if (voters.size() > 1) {
            UUID derived = UUID.nameUUIDFromBytes(String.join(",", voters).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return new Uuid(derived.getMostSignificantBits(), derived.getLeastSignificantBits()).toString();
        }
        return Uuid.randomUuid().toString();
    }
}

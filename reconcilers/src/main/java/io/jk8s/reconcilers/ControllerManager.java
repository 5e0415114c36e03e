package io.jk8s.reconcilers;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.SharedInformerFactory;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.jk8s.reconcilers.certificates.CertificateSigningController;
import io.jk8s.reconcilers.clusterroleaggregation.ClusterRoleAggregationController;
import io.jk8s.reconcilers.deployment.DeploymentController;
import io.jk8s.reconcilers.endpoints.EndpointsController;
import io.jk8s.reconcilers.cronjob.CronJobController;
import io.jk8s.reconcilers.daemon.DaemonSetController;
import io.jk8s.reconcilers.framework.BorrowedInformer;
import io.jk8s.reconcilers.framework.Controller;
import io.jk8s.component.events.EventSink;
import io.jk8s.reconcilers.statefulset.StatefulSetController;
import io.jk8s.reconcilers.garbagecollector.GarbageCollectorController;
import io.jk8s.reconcilers.job.JobController;
import io.jk8s.reconcilers.namespace.NamespaceController;
import io.jk8s.reconcilers.nodelifecycle.NodeLifecycleController;
import io.jk8s.reconcilers.replicaset.ReplicaSetController;
import io.jk8s.reconcilers.scheduler.SchedulerController;
import io.jk8s.reconcilers.serviceaccount.LegacyTokenGenerator;
import io.jk8s.reconcilers.serviceaccount.ServiceAccountController;
import io.jk8s.reconcilers.serviceaccount.TokensController;
import io.jk8s.reconcilers.volume.PersistentVolumeBinderController;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kube-controller-manager of jk8s: shared informers (one watch per resource) feeding the
 * controllers' work queues. An API client only: it knows the server by its URL, like any
 * external controller.
 */
public final class ControllerManager implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ControllerManager.class);
    private static final int WORKERS = 2;

    private final SharedInformerFactory informers;
    private final SharedIndexInformer<Pod> pods;
    private final SharedIndexInformer<Node> nodes;
    private final List<BorrowedInformer<?>> borrowed;
    private final List<Controller> controllers;
    private final EventSink events;

    private ControllerManager(SharedInformerFactory informers, SharedIndexInformer<Pod> pods, SharedIndexInformer<Node> nodes,
            List<BorrowedInformer<?>> borrowed, List<Controller> controllers, EventSink events) {
        this.informers = informers;
        this.pods = pods;
        this.nodes = nodes;
        this.borrowed = borrowed;
        this.controllers = controllers;
        this.events = events;
    }

    public static ControllerManager start(KubernetesClient client, ControllerManagerConfiguration configuration) throws Exception {
        SharedInformerFactory informers = client.informers();
        return start(client, configuration, informers,
                informers.sharedIndexInformerFor(Pod.class, 0), informers.sharedIndexInformerFor(Node.class, 0), List.of());
    }

    /**
     * With pod and node informers that the caller already runs and keeps running after {@link #close()}
     * (node agents in the same process share them: a second cache of every pod would double its memory).
     */
    public static ControllerManager start(KubernetesClient client, ControllerManagerConfiguration configuration,
            SharedIndexInformer<Pod> pods, SharedIndexInformer<Node> nodes) throws Exception {
        BorrowedInformer<Pod> borrowedPods = new BorrowedInformer<>(pods);
        BorrowedInformer<Node> borrowedNodes = new BorrowedInformer<>(nodes);
        return start(client, configuration, client.informers(), borrowedPods.view(), borrowedNodes.view(),
                List.of(borrowedPods, borrowedNodes));
    }

    private static ControllerManager start(KubernetesClient client, ControllerManagerConfiguration configuration,
            SharedInformerFactory informers,
            SharedIndexInformer<Pod> pods, SharedIndexInformer<Node> nodes, List<BorrowedInformer<?>> borrowed) throws Exception {
        Clock clock = Clock.systemUTC();
        SharedIndexInformer<ReplicaSet> replicaSets = informers.sharedIndexInformerFor(ReplicaSet.class, 0);
        SharedIndexInformer<Deployment> deployments = informers.sharedIndexInformerFor(Deployment.class, 0);
        SharedIndexInformer<Job> jobs = informers.sharedIndexInformerFor(Job.class, 0);
        SharedIndexInformer<Namespace> namespaces = informers.sharedIndexInformerFor(Namespace.class, 0);
        SharedIndexInformer<StatefulSet> statefulSets = informers.sharedIndexInformerFor(StatefulSet.class, 0);
        SharedIndexInformer<ControllerRevision> revisions = informers.sharedIndexInformerFor(ControllerRevision.class, 0);
        SharedIndexInformer<CronJob> cronJobs = informers.sharedIndexInformerFor(CronJob.class, 0);
        SharedIndexInformer<DaemonSet> daemonSets = informers.sharedIndexInformerFor(DaemonSet.class, 0);
        SharedIndexInformer<ServiceAccount> serviceAccounts = informers.sharedIndexInformerFor(ServiceAccount.class, 0);
        EventSink events = new EventSink(client, clock);
        List<Controller> controllers = new java.util.ArrayList<>(List.of(
                ReplicaSetController.create(client, replicaSets, pods, events.recorder("replicaset-controller"), clock),
                DeploymentController.create(client, deployments, replicaSets, events.recorder("deployment-controller"), clock),
                SchedulerController.create(client, pods, nodes, events.recorder("default-scheduler"), clock),
                NodeLifecycleController.create(client, nodes, informers.sharedIndexInformerFor(Lease.class, 0), pods,
                        configuration.nodeMonitorGracePeriod(), clock),
                EndpointsController.create(client, informers.sharedIndexInformerFor(Service.class, 0), pods),
                JobController.create(client, jobs, pods, events.recorder("job-controller"), clock),
                StatefulSetController.create(client, statefulSets, pods, revisions, events.recorder("statefulset-controller"), clock),
                DaemonSetController.create(client, daemonSets, pods, revisions, nodes, events.recorder("daemonset-controller"), clock),
                CronJobController.create(client, cronJobs, jobs, events.recorder("cronjob-controller"), clock),
                ServiceAccountController.create(client, namespaces, serviceAccounts),
                NamespaceController.create(client, namespaces),
                ClusterRoleAggregationController.create(client, informers.sharedIndexInformerFor(ClusterRole.class, 0)),
                PersistentVolumeBinderController.create(client, informers.sharedIndexInformerFor(PersistentVolumeClaim.class, 0),
                        informers.sharedIndexInformerFor(StorageClass.class, 0)),
                GarbageCollectorController.create(client, Map.of(
                        "Pod", pods,
                        "ReplicaSet", replicaSets,
                        "Deployment", deployments,
                        "StatefulSet", statefulSets,
                        "DaemonSet", daemonSets,
                        "ControllerRevision", revisions,
                        "Job", jobs,
                        "CronJob", cronJobs))));
        // kube-controller-manager starts csrsigning only when it is given a CA
        configuration.clusterSigning().ifPresent(signing -> controllers.add(CertificateSigningController.create(client,
                informers.sharedIndexInformerFor(CertificateSigningRequest.class, 0), signing, clock)));
        // and the legacy tokens controller only with the service-account signing key
        configuration.serviceAccountPrivateKeyFile().ifPresentOrElse(key -> controllers.add(TokensController.create(client,
                        informers.sharedIndexInformerFor(Secret.class, 0), serviceAccounts, new LegacyTokenGenerator(key),
                        configuration.rootCaFile())),
                () -> log.info("tokens controller disabled: no service account private key file"));
        ControllerManager manager = new ControllerManager(informers, pods, nodes, borrowed, controllers, events);
        try {
            informers.startAllRegisteredInformers().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            // a leader that gives up and campaigns again must not leave these watches behind
            manager.close();
            throw e;
        }
        controllers.forEach(c -> c.start(WORKERS));
        log.info("controllers running: {}", controllers.stream().map(Controller::name).toList());
        return manager;
    }

    /** The shared pod informer, for node agents in the same process (simulated nodes) to reuse. */
    public SharedIndexInformer<Pod> pods() {
        return pods;
    }

    /** The shared node informer, likewise. */
    public SharedIndexInformer<Node> nodes() {
        return nodes;
    }

    @Override
    public void close() {
        // all stop at once, so one controller's slow sync does not hold up the others' stopping
        controllers.forEach(Controller::stop);
        long deadline = System.nanoTime() + Controller.STOP_TIMEOUT.toNanos();
        controllers.forEach(c -> c.awaitStopped(deadline));
        informers.stopAllRegisteredInformers();
        borrowed.forEach(BorrowedInformer::giveBack);
        events.close();
    }
}

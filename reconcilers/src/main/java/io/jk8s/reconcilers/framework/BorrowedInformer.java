package io.jk8s.reconcilers.framework;

import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A running informer that someone else owns (the all-in-one server's pod informer, shared with its
 * simulated kubelets), lent to controllers that may stop while it runs on (a controller-manager that
 * loses its Lease). The controllers see an ordinary {@link SharedIndexInformer}; the handlers they
 * add through it are removed on {@link #giveBack()}, so a stopped generation leaves nothing behind
 * reacting to events. Everything else goes straight to the owner's informer.
 */
public final class BorrowedInformer<T> {

    private final SharedIndexInformer<T> owned;
    private final List<ResourceEventHandler<? super T>> added = new CopyOnWriteArrayList<>();
    private final SharedIndexInformer<T> view;

    @SuppressWarnings("unchecked")
    public BorrowedInformer(SharedIndexInformer<T> owned) {
        this.owned = owned;
        // a proxy rather than a hand-written delegate of the interface's thirty-odd methods
        this.view = (SharedIndexInformer<T>) Proxy.newProxyInstance(SharedIndexInformer.class.getClassLoader(),
                new Class<?>[] {SharedIndexInformer.class}, (proxy, method, args) -> {
                    if (method.getName().startsWith("addEventHandler")) {
                        added.add((ResourceEventHandler<? super T>) args[0]);
                    }
                    try {
                        Object result = method.invoke(owned, args);
                        // fluent methods return the informer: keep callers on the view
                        return result == owned ? proxy : result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    public SharedIndexInformer<T> view() {
        return view;
    }

    public SharedIndexInformer<T> owned() {
        return owned;
    }

    public void giveBack() {
        added.forEach(owned::removeEventHandler);
        added.clear();
    }
}

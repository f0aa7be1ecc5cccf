package io.kommosync.sync.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/**
 * A real data source with faults injected at the JDBC boundary: the next commit can be made to fail (as when
 * the database goes away between the last statement and the commit), and the reported product name can be
 * replaced. Everything else reaches the real driver.
 */
final class FaultyDataSource {

    private final DataSource target;
    private final AtomicBoolean failNextCommit = new AtomicBoolean();
    private volatile String productName;

    FaultyDataSource(DataSource target) {
        this.target = target;
    }

    void failNextCommit() {
        failNextCommit.set(true);
    }

    boolean commitFailurePending() {
        return failNextCommit.get();
    }

    void reportProductName(String name) {
        this.productName = name;
    }

    DataSource dataSource() {
        return proxy(DataSource.class, target, (proxy, method, args) -> {
            Object result = invoke(target, method, args);
            return result instanceof Connection ? connection((Connection) result) : result;
        });
    }

    private Connection connection(Connection real) {
        return proxy(Connection.class, real, (proxy, method, args) -> {
            if (method.getName().equals("commit") && failNextCommit.compareAndSet(true, false)) {
                throw new SQLException("injected: the connection was lost during commit", "08006");
            }
            Object result = invoke(real, method, args);
            if (result instanceof DatabaseMetaData && productName != null) {
                DatabaseMetaData meta = (DatabaseMetaData) result;
                return proxy(DatabaseMetaData.class, meta, (p, m, a) ->
                        m.getName().equals("getDatabaseProductName") ? productName : invoke(meta, m, a));
            }
            return result;
        });
    }

    private static <T> T proxy(Class<T> type, T target, InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(FaultyDataSource.class.getClassLoader(), new Class<?>[] {type},
                handler));
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}

package eu.consent.schema;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.List;
import liquibase.resource.AbstractResource;
import liquibase.resource.AbstractResourceAccessor;
import liquibase.resource.Resource;

/**
 * Hands Liquibase the scripts by exact name through the class loader, and never lists a folder: inside Liberty the
 * class path is made of {@code wsjar:} URLs that Liquibase's own scanning accessor cannot walk, and nothing here needs
 * a search.
 */
final class ClassPathScripts extends AbstractResourceAccessor {

    private final ClassLoader loader;

    ClassPathScripts(ClassLoader loader) {
        this.loader = loader;
    }

    @Override
    public List<Resource> search(String path, boolean recursive) {
        throw new UnsupportedOperationException("the changelog names every script: no search of " + path);
    }

    @Override
    public List<Resource> getAll(String path) {
        URL url = loader.getResource(path);
        return url == null ? null : List.of(new Script(path, url));
    }

    @Override
    public List<String> describeLocations() {
        return List.of("class path of " + loader);
    }

    @Override
    public void close() {}

    /** One script, read through its URL. */
    private final class Script extends AbstractResource {
        private final URL url;

        Script(String path, URL url) {
            super(path, uri(url));
            this.url = url;
        }

        @Override
        public InputStream openInputStream() throws IOException {
            return url.openStream();
        }

        @Override
        public boolean exists() {
            return true;
        }

        @Override
        public Resource resolve(String other) {
            List<Resource> found = getAll(resolvePath(other));
            return found == null ? null : found.get(0);
        }

        @Override
        public Resource resolveSibling(String other) {
            List<Resource> found = getAll(resolveSiblingPath(other));
            return found == null ? null : found.get(0);
        }

        private static URI uri(URL url) {
            try {
                return url.toURI();
            } catch (URISyntaxException e) {
                return URI.create("classpath:" + url.getPath());
            }
        }
    }
}

package dev.edgewise.script

import dev.edgewise.dsl.Names
import dev.edgewise.dsl.builder.FrontEnd
import dev.edgewise.dsl.builder.Section
import kotlin.properties.ReadWriteProperty
import kotlin.reflect.KProperty

/**
 * A DSL property backed by the spec key of the same name (`trainSamples` -> `train_samples`), so
 * the property names cannot drift from the record components they mirror.
 */
@FrontEnd
internal class SpecKey<T>(private val section: Section<*>) : ReadWriteProperty<Any?, T> {

    @Suppress("UNCHECKED_CAST")
    override fun getValue(thisRef: Any?, property: KProperty<*>): T = section.get(Names.snakeCase(property.name)) as T

    override fun setValue(thisRef: Any?, property: KProperty<*>, value: T) {
        section.set(Names.snakeCase(property.name), value)
    }
}

internal fun <T> key(section: Section<*>): SpecKey<T> = SpecKey(section)
